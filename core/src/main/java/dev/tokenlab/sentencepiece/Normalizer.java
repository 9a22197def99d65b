package dev.tokenlab.sentencepiece;

import dev.tokenlab.internal.Utf8;

/**
 * SentencePiece's normalizer, step for step as the C++ library's {@code Normalizer::Normalize}:
 *
 * <ol>
 *   <li>Text is read one rule at a time: the longest user-defined symbol at the position (copied as
 *       it is), else the longest source string of the precompiled charsmap (replaced), else one
 *       UTF-8 character (copied; a malformed byte becomes U+FFFD).</li>
 *   <li>With {@code remove_extra_whitespaces}, rules whose output is exactly one space are dropped at
 *       the start, leading spaces of a rule's output are dropped after a space, and trailing spaces
 *       are removed at the end.</li>
 *   <li>With {@code add_dummy_prefix}, one space goes in front (or at the end when the trainer set
 *       {@code treat_whitespace_as_suffix}) unless the text is empty after step 2.</li>
 *   <li>With {@code escape_whitespaces}, each space is written as U+2581 ({@code ▁}).</li>
 * </ol>
 *
 * <pre>{@code
 * // Llama 2 (identity, dummy prefix, spaces kept)
 * "Hello  world"  ->  "▁Hello▁▁world"
 * // test_model.model (nfkc, extra whitespace removed)
 * "  Ｈｅｌｌｏ  world "  ->  "▁Hello▁world"
 * }</pre>
 *
 * <p>Alongside the bytes it records each normalized byte's offset in the original UTF-16 text; bytes
 * a rule produced map to the start of the text the rule consumed. Immutable and thread-safe.
 */
final class Normalizer {
    private static final byte[] SPACE_SYMBOL = {(byte) 0xE2, (byte) 0x96, (byte) 0x81};
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    private static final byte[] ONE_SPACE = {' '};

    private final PrecompiledCharsMap charsMap;
    private final ByteTrie userDefined;
    private final boolean addDummyPrefix;
    private final boolean removeExtraWhitespaces;
    private final boolean escapeWhitespaces;
    private final boolean treatWhitespaceAsSuffix;
    private final boolean simple;
    /** ASCII bytes that no rule touches when another ASCII byte or the end follows: copied as they are. */
    private final boolean[] copied = new boolean[0x80];

    Normalizer(NormalizerSpec spec, boolean treatWhitespaceAsSuffix, ByteTrie userDefined, String source) {
        this.charsMap = spec.precompiledCharsmap().length == 0 ? null : PrecompiledCharsMap.decode(spec.precompiledCharsmap(), source);
        this.userDefined = userDefined == null || userDefined.isEmpty() ? null : userDefined;
        this.addDummyPrefix = spec.addDummyPrefix();
        this.removeExtraWhitespaces = spec.removeExtraWhitespaces();
        this.escapeWhitespaces = spec.escapeWhitespaces();
        this.treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
        this.simple = charsMap == null && this.userDefined == null && !removeExtraWhitespaces;
        for (int c = 0; c < 0x80; c++) {
            copied[c] = (this.userDefined == null || this.userDefined.child(0, c) == ByteTrie.NONE)
                    && (charsMap == null || charsMap.copiesAscii(c));
        }
    }

    /**
     * Normalizes the UTF-8 bytes {@code in[0, inLength)} into {@code out}; offsets recorded are
     * UTF-16 offsets relative to the start of {@code in}.
     */
    void normalize(byte[] in, int inLength, NormalizedText out) {
        normalizeBlock(in, inLength, new Cursor(), Integer.MAX_VALUE, 0, out);
    }

    /** {@link #normalizeBlock} may cut before a space (see there). */
    static final int CUT_BEFORE_SPACE = 1;
    /** {@link #normalizeBlock} may cut before a newline (identity rules only: each character is its own rule). */
    static final int CUT_BEFORE_NEWLINE = 2;

    /** Whether every character is its own rule, copied (no charsmap, no user-defined symbols, spaces kept). */
    boolean isIdentity() {
        return simple;
    }

    /**
     * Where a block-by-block normalization of one text stands: the next input byte, the UTF-16 units
     * consumed before it, and whether the start of the text (leading spaces, dummy prefix) is done.
     */
    static final class Cursor {
        int pos;
        int consumed;
        boolean started;

        void reset() {
            pos = 0;
            consumed = 0;
            started = false;
        }
    }

    /**
     * Normalizes the next block of {@code in[0, inLength)} into {@code out} (cleared), from where
     * {@code cursor} stands, and moves the cursor; returns whether the block reaches the end of the
     * input. The loop is the one {@link #normalize} runs over the whole text, paused: it stops before
     * the first space, at least {@code blockBytes} input bytes into the block, that is a rule of its
     * own (no user-defined symbol or charsmap entry starts there or spans it) and comes after output
     * ending in an ASCII character other than a space. Nothing the loop carries from rule to rule
     * differs there (the previous output is no space), so the blocks' outputs, one after the other,
     * are the whole text's, and each block after the first starts with the {@code ▁} of that space.
     * Only with {@code escape_whitespaces} and {@link #CUT_BEFORE_SPACE} in {@code cuts}. With
     * {@link #CUT_BEFORE_NEWLINE} and identity rules it also stops before a newline (not at the
     * block's start). Text with no such place (one long word) stays one block.
     */
    boolean normalizeBlock(byte[] in, int inLength, Cursor cursor, int blockBytes, int cuts, NormalizedText out) {
        out.clear();
        int cutFrom = (int) Math.min(inLength, (long) cursor.pos + blockBytes);
        return simple ? normalizeSimple(in, inLength, cursor, cutFrom, cuts, out) : normalizeRules(in, inLength, cursor, cutFrom, cuts, out);
    }

    private boolean normalizeRules(byte[] in, int inLength, Cursor cursor, int cutFrom, int cuts, NormalizedText out) {
        if ((cuts & CUT_BEFORE_SPACE) == 0) {
            cutFrom = inLength;
        }
        int pos = cursor.pos;
        int consumed = cursor.consumed; // UTF-16 units of input consumed so far
        Rule rule = new Rule();
        boolean first = !cursor.started;
        if (first) {
            cursor.started = true;
            if (inLength == 0) {
                out.reserve(1);
                out.finish(0);
                return true;
            }
            if (removeExtraWhitespaces) {
                while (pos < inLength) {
                    prefix(in, pos, inLength, rule);
                    if (!rule.isOneSpace()) {
                        break;
                    }
                    consumed += utf16Units(in, pos, pos + rule.consumed);
                    pos += rule.consumed;
                }
            }
            if (pos == inLength) {
                out.reserve(1);
                out.finish(consumed);
                return true;
            }
            if (!treatWhitespaceAsSuffix && addDummyPrefix) {
                out.reserve(3);
                addSpace(out, consumed);
            }
        }
        boolean prevSpace = first && removeExtraWhitespaces; // a later block starts after a character that is no space
        boolean cut = false;
        while (pos < inLength) {
            if (copiedAt(in, pos, inLength)) {
                // A run of ASCII bytes no rule touches: each is its own rule, copied (a space escaped,
                // and dropped after a space when extra whitespace is removed).
                out.reserve(Math.min(inLength - pos, Math.min(Math.max(cutFrom - pos, 0), 1 << 16) + 4096) * 3 + 8);
                int stop = Math.min(inLength, pos + (out.bytes.length - out.length - 8) / 3);
                byte[] ob = out.bytes;
                int[] oo = out.toOrig;
                int o = out.length;
                do {
                    byte c = in[pos];
                    if (c != ' ') {
                        ob[o] = c;
                        oo[o++] = consumed;
                        prevSpace = false;
                    } else {
                        if (!prevSpace) {
                            if (pos >= cutFrom && escapeWhitespaces && o > 0 && ob[o - 1] >= 0 && ob[o - 1] != ' ') {
                                cut = true;
                                break;
                            }
                            o = putSpace(ob, oo, o, consumed);
                        }
                        prevSpace = removeExtraWhitespaces;
                    }
                    consumed++;
                    pos++;
                } while (pos < stop && copiedAt(in, pos, inLength));
                out.length = o;
                if (cut) {
                    break;
                }
                continue;
            }
            int lead = in[pos] & 0xFF;
            if (lead >= 0x80 && (userDefined == null || userDefined.child(0, lead) == ByteTrie.NONE)) {
                long match = charsMap == null ? -1 : charsMap.longestMatch(in, pos, inLength);
                int len;
                if (match < 0 && (len = Utf8.validSequenceLength(in, pos, inLength)) > 0) {
                    // a character no rule touches: copied
                    out.reserve(len);
                    for (int k = 0; k < len; k++) {
                        out.append(in[pos + k], consumed);
                    }
                    prevSpace = false;
                    consumed += len == 4 ? 2 : 1;
                    pos += len;
                    continue;
                }
                charsMapRule(in, pos, inLength, match, rule);
            } else {
                prefix(in, pos, inLength, rule);
            }
            byte[] src = rule.source;
            int s = rule.from;
            int e = rule.to;
            while (prevSpace && s < e && src[s] == ' ') {
                s++;
            }
            if (s < e) {
                out.reserve((e - s) * 3);
                for (int k = s; k < e; k++) {
                    byte b = src[k];
                    if (escapeWhitespaces && b == ' ') {
                        addSpace(out, consumed);
                    } else {
                        out.append(b, consumed);
                    }
                }
                prevSpace = src[e - 1] == ' ';
            }
            consumed += utf16Units(in, pos, pos + rule.consumed);
            pos += rule.consumed;
            if (!removeExtraWhitespaces) {
                prevSpace = false;
            }
        }
        cursor.pos = pos;
        cursor.consumed = consumed;
        if (cut) {
            out.reserve(1);
            out.finish(consumed);
            return false;
        }
        if (removeExtraWhitespaces) {
            byte[] space = escapeWhitespaces ? SPACE_SYMBOL : ONE_SPACE;
            while (endsWith(out, space)) {
                int length = out.length - space.length;
                consumed = out.toOrig[length];
                out.length = length;
            }
        }
        if (treatWhitespaceAsSuffix && addDummyPrefix) {
            out.reserve(3);
            addSpace(out, consumed);
        }
        out.reserve(1);
        out.finish(consumed);
        return true;
    }

    /** Whether {@code in[pos]} is an ASCII byte no rule touches, followed by another ASCII byte or the end. */
    private boolean copiedAt(byte[] in, int pos, int end) {
        byte c = in[pos];
        return c >= 0 && copied[c] && (pos + 1 == end || in[pos + 1] >= 0);
    }

    /** Identity rules, spaces kept: copy, escaping spaces (Llama 2's case, the hot path). */
    private boolean normalizeSimple(byte[] in, int inLength, Cursor cursor, int cutFrom, int cuts, NormalizedText out) {
        int spaceCutFrom = (cuts & CUT_BEFORE_SPACE) != 0 ? cutFrom : inLength;
        int newlineCutFrom = (cuts & CUT_BEFORE_NEWLINE) != 0 ? cutFrom : inLength;
        int i = cursor.pos;
        int consumed = cursor.consumed;
        int n = 0;
        out.reserve(Math.min(inLength - i, Math.min(Math.max(cutFrom - i, 0), 1 << 16) + 4096) * 3 + 8);
        byte[] b = out.bytes;
        int[] orig = out.toOrig;
        if (!cursor.started) {
            cursor.started = true;
            if (inLength > 0 && !treatWhitespaceAsSuffix && addDummyPrefix) {
                n = putSpace(b, orig, n, 0);
            }
        }
        boolean cut = false;
        while (i < inLength && !cut) {
            if (b.length - n < 16) {
                out.length = n;
                out.reserve(Math.min(inLength - i, 4096) * 3 + 8);
                b = out.bytes;
                orig = out.toOrig;
            }
            int stop = Math.min(inLength, i + (b.length - n - 8) / 3);
            while (i < stop) {
                int c = in[i] & 0xFF;
                if (c < 0x80) {
                    if (c == ' ' && escapeWhitespaces) {
                        if (i >= spaceCutFrom && n > 0 && b[n - 1] >= 0 && b[n - 1] != ' ') {
                            cut = true;
                            break;
                        }
                        n = putSpace(b, orig, n, consumed);
                    } else {
                        if (c == '\n' && i >= newlineCutFrom && n > 0) {
                            cut = true;
                            break;
                        }
                        b[n] = (byte) c;
                        orig[n++] = consumed;
                    }
                    i++;
                    consumed++;
                    continue;
                }
                int len = Math.min(oneCharLen(c), inLength - i);
                for (int k = 0; k < len; k++) {
                    b[n] = in[i + k];
                    orig[n++] = consumed;
                }
                consumed += len == 4 ? 2 : 1;
                i += len;
            }
        }
        cursor.pos = i;
        cursor.consumed = consumed;
        if (!cut && treatWhitespaceAsSuffix && addDummyPrefix && inLength > 0) {
            out.length = n;
            out.reserve(3);
            n = putSpace(out.bytes, out.toOrig, n, consumed);
        }
        out.length = n;
        out.reserve(1);
        out.finish(consumed);
        return !cut;
    }

    private int putSpace(byte[] b, int[] orig, int n, int at) {
        if (escapeWhitespaces) {
            b[n] = SPACE_SYMBOL[0];
            b[n + 1] = SPACE_SYMBOL[1];
            b[n + 2] = SPACE_SYMBOL[2];
            orig[n] = at;
            orig[n + 1] = at;
            orig[n + 2] = at;
            return n + 3;
        }
        b[n] = ' ';
        orig[n] = at;
        return n + 1;
    }

    private void addSpace(NormalizedText out, int at) {
        out.reserve(3);
        out.length = putSpace(out.bytes, out.toOrig, out.length, at);
    }

    private static boolean endsWith(NormalizedText t, byte[] suffix) {
        if (t.length < suffix.length) {
            return false;
        }
        for (int k = 0; k < suffix.length; k++) {
            if (t.bytes[t.length - suffix.length + k] != suffix[k]) {
                return false;
            }
        }
        return true;
    }

    /** The rule at {@code in[pos]}: what it consumes and what it writes (a slice of some array). */
    private void prefix(byte[] in, int pos, int end, Rule rule) {
        if (userDefined != null) {
            int m = userDefined.longestPrefix(in, pos, end);
            if (m > 0) {
                rule.set(m, in, pos, pos + m);
                return;
            }
        }
        charsMapRule(in, pos, end, charsMap == null ? -1 : charsMap.longestMatch(in, pos, end), rule);
    }

    /** The rule at {@code in[pos]} when no user-defined symbol starts there, given the charsmap's longest match. */
    private void charsMapRule(byte[] in, int pos, int end, long match, Rule rule) {
        if (match >= 0) {
            int length = (int) match;
            int value = (int) (match >>> 32);
            byte[] repl = charsMap.replacements();
            int from = Math.min(value, repl.length);
            rule.set(length, repl, from, charsMap.replacementEnd(from));
            return;
        }
        int n = Utf8.validSequenceLength(in, pos, end);
        if (n == 0) {
            rule.set(1, REPLACEMENT, 0, 3);
        } else {
            rule.set(n, in, pos, pos + n);
        }
    }

    /** The C++ {@code OneCharLen}: the length a UTF-8 lead byte announces (1 for a stray continuation byte). */
    static int oneCharLen(int lead) {
        if (lead < 0xC0) {
            return 1;
        }
        if (lead < 0xE0) {
            return 2;
        }
        return lead < 0xF0 ? 3 : 4;
    }

    /** UTF-16 units of the UTF-8 bytes {@code in[from, to)} (a 4-byte character is two units). */
    static int utf16Units(byte[] in, int from, int to) {
        int units = 0;
        for (int i = from; i < to; i++) {
            int b = in[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                units += b >= 0xF0 ? 2 : 1;
            }
        }
        return units;
    }

    /** One normalization step: bytes consumed from the input and the output slice. */
    private static final class Rule {
        int consumed;
        byte[] source;
        int from;
        int to;

        void set(int consumed, byte[] source, int from, int to) {
            this.consumed = consumed;
            this.source = source;
            this.from = from;
            this.to = to;
        }

        boolean isOneSpace() {
            return to - from == 1 && source[from] == ' ';
        }
    }
}
