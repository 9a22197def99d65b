package dev.tokenlab.hf.normalizers;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.hf.pipeline.NormalizedString;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Extended grapheme cluster boundaries (Unicode 16.0, UAX #29 rules GB3 to GB13 with GB9c), what the
 * {@code unicode-segmentation} crate's {@code graphemes(true)} gives the Rust {@code Precompiled}
 * normalizer. The character classes come from a table bundled in the jar, written from the JDK 25
 * runtime's own UAX #29 data (see {@code tools/GenerateGraphemeTable.java}); Java 17 knows Unicode 13.
 *
 * <p>One approximation, stated there too: like the JDK, the few spacing marks that are
 * Grapheme_Extend (U+09BE, U+0BBE …) count as SpacingMark rather than Extend. Boundaries are the same
 * except in an emoji ZWJ sequence with such a mark between the pictograph and the ZWJ (GB11), where
 * this splits and UAX #29 does not. Immutable and thread-safe.
 */
public final class Graphemes {
    static final int OTHER = 0;
    static final int CR = 1;
    static final int LF = 2;
    static final int CONTROL = 3;
    static final int EXTEND = 4;
    static final int ZWJ = 5;
    static final int RI = 6;
    static final int PREPEND = 7;
    static final int SPACING_MARK = 8;
    static final int L = 9;
    static final int V = 10;
    static final int T = 11;
    static final int LV = 12;
    static final int LVT = 13;
    static final int EXTENDED_PICTOGRAPHIC = 14;

    static final int INCB_LINKER = 1;
    static final int INCB_CONSONANT = 2;
    static final int INCB_EXTEND = 3;

    /** The Unicode version of the bundled table. */
    public static final String UNICODE_VERSION;
    private static final byte[][] BLOCKS;
    private static final short[] INDEX;

    static {
        String resource = "grapheme-break.bin.gz";
        try (InputStream raw = Graphemes.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new TokenizerFormatException(resource, "bundled Unicode table is missing from the jar");
            }
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            if (!"TLGCB1".equals(new String(in.readNBytes(6), StandardCharsets.US_ASCII))) {
                throw new TokenizerFormatException(resource, "bad magic");
            }
            UNICODE_VERSION = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            int blocks = in.readUnsignedShort();
            INDEX = new short[0x1100];
            for (int i = 0; i < INDEX.length; i++) {
                INDEX[i] = (short) in.readUnsignedShort();
            }
            BLOCKS = new byte[blocks][];
            for (int i = 0; i < blocks; i++) {
                BLOCKS[i] = in.readNBytes(256);
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Graphemes() {
    }

    private static int entry(int cp) {
        return cp < 0 || cp > 0x10FFFF ? CONTROL : BLOCKS[INDEX[cp >>> 8]][cp & 0xFF];
    }

    /** The Grapheme_Cluster_Break class of a code point (the constants above). */
    static int type(int cp) {
        return entry(cp) & 0x0F;
    }

    /** The Indic_Conjunct_Break value of a code point: 0 (None) or one of the {@code INCB_} constants. */
    static int incb(int cp) {
        return entry(cp) >> 4 & 3;
    }

    /** Where the grapheme cluster starting at code point {@code from} of {@code text} ends (exclusive), at most {@code to}. */
    public static int nextBoundary(NormalizedString text, int from, int to) {
        int prev = type(text.codePointAt(from));
        int ri = prev == RI ? 1 : 0;
        // GB11: 1 after ExtPict Extend*, 2 right after its ZWJ
        int emoji = prev == EXTENDED_PICTOGRAPHIC ? 1 : 0;
        // GB9c: 1 after Consonant [Extend Linker]*, 2 once a Linker is among them
        int conjunct = incb(text.codePointAt(from)) == INCB_CONSONANT ? 1 : 0;
        for (int j = from + 1; j < to; j++) {
            int cp = text.codePointAt(j);
            int t = type(cp);
            int in = incb(cp);
            if (!joins(prev, t, ri, emoji, conjunct, in)) {
                return j;
            }
            ri = t == RI ? ri + 1 : 0;
            if (t == EXTENDED_PICTOGRAPHIC) {
                emoji = 1;
            } else if (emoji == 1 && t == EXTEND) {
                emoji = 1;
            } else if (emoji == 1 && t == ZWJ) {
                emoji = 2;
            } else {
                emoji = 0;
            }
            if (in == INCB_CONSONANT) {
                conjunct = 1;
            } else if (conjunct > 0 && in == INCB_LINKER) {
                conjunct = 2;
            } else if (conjunct == 0 || in != INCB_EXTEND) {
                conjunct = 0;
            }
            prev = t;
        }
        return to;
    }

    private static boolean joins(int prev, int t, int ri, int emoji, int conjunct, int incb) {
        if (prev == CR && t == LF) {
            return true; // GB3
        }
        if (prev == CR || prev == LF || prev == CONTROL || t == CR || t == LF || t == CONTROL) {
            return false; // GB4, GB5
        }
        if (prev == L && (t == L || t == V || t == LV || t == LVT)) {
            return true; // GB6
        }
        if ((prev == LV || prev == V) && (t == V || t == T)) {
            return true; // GB7
        }
        if ((prev == LVT || prev == T) && t == T) {
            return true; // GB8
        }
        if (t == EXTEND || t == ZWJ || t == SPACING_MARK || prev == PREPEND) {
            return true; // GB9, GB9a, GB9b
        }
        if (conjunct == 2 && incb == INCB_CONSONANT) {
            return true; // GB9c
        }
        if (emoji == 2 && t == EXTENDED_PICTOGRAPHIC) {
            return true; // GB11
        }
        return prev == RI && t == RI && ri % 2 == 1; // GB12, GB13
    }
}
