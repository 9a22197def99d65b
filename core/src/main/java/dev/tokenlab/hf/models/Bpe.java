package dev.tokenlab.hf.models;

import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.bpe.RankedByteBpe;
import dev.tokenlab.bpe.RankedMergeBpe;
import dev.tokenlab.bpe.RankedMerges;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.internal.Utf8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code BPE} model of a {@code tokenizer.json}, with the Rust library's rules: a word in the
 * vocabulary is one token when {@code ignore_merges} is on; otherwise each character (each byte, for
 * byte-level vocabularies) starts as a symbol — with {@code continuing_subword_prefix} before every
 * character but the first and {@code end_of_word_suffix} after the last — unknown characters become
 * {@code <0xNN>} byte tokens ({@code byte_fallback}, only when every byte has one), the unknown token
 * (consecutive ones fused with {@code fuse_unk}) or nothing; then symbols merge by merge rank
 * ({@link RankedMergeBpe}).
 *
 * <p>Spellings are looked up as UTF-8 bytes in one {@link ByteVocabulary}; a byte-level vocabulary is
 * stored as the bytes its GPT-2-alphabet spellings stand for, so input bytes need no mapping.
 * Recently merged words are cached ({@link WordCache}). Immutable and thread-safe.
 */
public final class Bpe implements Model {
    private final String[] spellings;
    private final Map<String, Integer> idsBySpelling;
    final ByteVocabulary vocab;
    final RankedMerges merges;
    final boolean byteLevel;
    final boolean ignoreMerges;
    final boolean fuseUnk;
    final int unkId;
    final String prefix;
    final String suffix;
    /** Id of {@code <0xNN>} for each byte, or -1; null without byte fallback. */
    final int[] byteFallback;
    /** Id of each byte's GPT-2 character (byte-level vocabularies), or -1. */
    final int[] byteIds = new int[256];
    private final int entries;
    private final WordCache cache = new WordCache();
    /** Whether a long word may be merged in parts cut before a {@code ▁} (see {@link #canCutBefore}). */
    private final boolean cutBeforeSpaces;
    /** The characters some token's spelling holds right before a {@code ▁} (Gemma: only {@code >}, in {@code >▁</}). */
    private final BitSet beforeSpaceInTokens;
    /** The id of each BMP character that is a token by itself, or -1; null for byte-level vocabularies. */
    private final int[] charIds;
    /** U+2581, the space of SentencePiece-style vocabularies. */
    private static final int SPACE = 0x2581;
    private final ThreadLocal<Work> work;

    /**
     * A BPE model.
     *
     * @param spellings    vocabulary spellings by id ({@code null} for an unused id)
     * @param tokenBytes   the bytes each id's spelling is looked up by: UTF-8, or for byte-level
     *                     vocabularies the bytes the GPT-2 alphabet stands for
     * @param merges       the merge list, by id
     * @param byteLevel    whether input is looked up byte by byte (a ByteLevel pre-tokenizer or normalizer)
     * @param unkId        the unknown token's id, or -1
     */
    public Bpe(String[] spellings, byte[][] tokenBytes, RankedMerges merges, boolean byteLevel, boolean ignoreMerges,
               boolean byteFallback, boolean fuseUnk, int unkId, String prefix, String suffix) {
        this.spellings = spellings;
        this.idsBySpelling = new HashMap<>(spellings.length * 2);
        for (int id = 0; id < spellings.length; id++) {
            if (spellings[id] != null) {
                idsBySpelling.put(spellings[id], id);
            }
        }
        this.vocab = ByteVocabulary.of(tokenBytes);
        this.merges = merges;
        this.byteLevel = byteLevel;
        this.ignoreMerges = ignoreMerges;
        this.fuseUnk = fuseUnk;
        this.unkId = unkId;
        this.prefix = prefix == null || prefix.isEmpty() ? null : prefix;
        this.suffix = suffix == null || suffix.isEmpty() ? null : suffix;
        int n = 0;
        for (String s : spellings) {
            n += s == null ? 0 : 1;
        }
        this.entries = n;
        this.beforeSpaceInTokens = charsBeforeSpace(spellings);
        this.charIds = byteLevel ? null : charIds(spellings, vocab);
        this.cutBeforeSpaces = !byteLevel && !ignoreMerges && this.prefix == null && this.suffix == null
                && idsBySpelling.containsKey(new String(Character.toChars(SPACE)));
        Arrays.fill(byteIds, -1);
        for (int b = 0; b < 256; b++) {
            byteIds[b] = vocab.rank(new byte[] {(byte) b}, 0, 1);
        }
        if (byteFallback) {
            this.byteFallback = new int[256];
            for (int b = 0; b < 256; b++) {
                byte[] name = String.format("<0x%02X>", b).getBytes(StandardCharsets.US_ASCII);
                this.byteFallback[b] = vocab.rank(name, 0, name.length);
            }
        } else {
            this.byteFallback = null;
        }
        RankedMerges m = merges;
        this.work = ThreadLocal.withInitial(() -> new Work(m));
    }

    @Override
    public boolean tokenize(NormalizedString piece, TokenOut out) {
        if (cutBeforeSpaces && piece.length() > WordCache.MAX_CHARS) {
            return tokenizeInParts(piece, out);
        }
        return tokenizeWord(piece, out);
    }

    /**
     * A long word of a SentencePiece-style model (Mistral, Gemma: no pre-tokenizer, so a whole text is one
     * word) is merged part by part, cut before each {@code ▁} where no merge can join the two sides: a
     * merge across would make a token whose spelling holds the left symbol's last character then
     * {@code ▁}, and no token does ({@link #canCutBefore}). Each part comes from the cache when it was
     * seen: the same tokens, in about linear time instead of one merge heap over the whole text.
     */
    private boolean tokenizeInParts(NormalizedString piece, TokenOut out) {
        int n = piece.length();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || canCutBefore(piece, i)) {
                int from = start;
                if (!tokenizeWord(piece.slice(from, i), (id, s, e) -> out.token(id, from + s, from + e))) {
                    return false;
                }
                start = i;
            }
        }
        return true;
    }

    private boolean tokenizeWord(NormalizedString piece, TokenOut out) {
        WordCache.Entry cached = cache.get(piece);
        if (cached != null) {
            return emit(cached.ids(), cached.starts(), cached.ends(), out);
        }
        String text = piece.toString();
        Work w = work.get();
        int count = byteLevel ? symbolsOfBytes(text, w) : symbolsOfChars(piece, text, w);
        if (count < 0) {
            count = 1; // the whole word is one token
        } else {
            int n = count;
            count = w.bpe.merge(w.ids, n, w.boundaries);
            for (int k = 0; k < count; k++) {
                w.starts[k] = w.symbolStart[w.boundaries[k]];
                w.ends[k] = w.symbolEnd[w.boundaries[k + 1] - 1];
            }
            if (!byteLevel) {
                bytesToCodePoints(piece, w.starts, w.ends, count);
            }
        }
        WordCache.Entry entry = cache.put(text, w.ids, w.starts, w.ends, count);
        return emit(entry.ids(), entry.starts(), entry.ends(), out);
    }

    /** The UTF-8 of a word, a lone surrogate as U+FFFD's bytes (as the fast path and the Rust library see it). */
    static byte[] utf8(String text) {
        byte[] b = new byte[text.length() * 3];
        return Arrays.copyOf(b, Utf8.encode(text, 0, text.length(), b, 0));
    }

    /**
     * Whether no merge can join the symbols before and after position {@code i} (a {@code ▁} after another
     * character): the last character of the left symbol's spelling — the character itself when it is a
     * token, else {@code >} of a {@code <0xNN>} byte piece or the unknown token's last character — is one
     * no token holds right before a {@code ▁}.
     */
    private boolean canCutBefore(NormalizedString piece, int i) {
        int previous = piece.codePointAt(i - 1);
        if (piece.codePointAt(i) != SPACE || previous == SPACE) {
            return false;
        }
        if (previous < Character.MIN_SUPPLEMENTARY_CODE_POINT && charIds[previous] >= 0) {
            return !beforeSpaceInTokens.get(previous);
        }
        // Not a token of its own: byte pieces (ending in '>'), the unknown token, or, supplementary, either.
        boolean bytes = byteFallback == null || !beforeSpaceInTokens.get('>');
        boolean unknown = unkId < 0 || spellings[unkId].isEmpty()
                || !beforeSpaceInTokens.get(spellings[unkId].charAt(spellings[unkId].length() - 1));
        return bytes && unknown && (previous < Character.MIN_SUPPLEMENTARY_CODE_POINT
                || !idsBySpelling.containsKey(new String(Character.toChars(previous))));
    }

    /** The characters that some spelling holds right before a {@code ▁} that follows them. */
    private static BitSet charsBeforeSpace(String[] spellings) {
        BitSet chars = new BitSet();
        for (String s : spellings) {
            if (s == null) {
                continue;
            }
            for (int i = 1; i < s.length(); i++) {
                if (s.charAt(i) == SPACE && s.charAt(i - 1) != SPACE) {
                    chars.set(s.charAt(i - 1));
                }
            }
        }
        return chars;
    }

    private static int[] charIds(String[] spellings, ByteVocabulary vocab) {
        int[] ids = new int[Character.MAX_VALUE + 1];
        Arrays.fill(ids, -1);
        for (String s : spellings) {
            if (s != null && s.length() == 1 && !Character.isSurrogate(s.charAt(0))) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                ids[s.charAt(0)] = vocab.rank(utf8, 0, utf8.length);
            }
        }
        return ids;
    }

    private static boolean emit(int[] ids, int[] starts, int[] ends, TokenOut out) {
        for (int k = 0; k < ids.length; k++) {
            if (!out.token(ids[k], starts[k], ends[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Byte-level symbols: one per UTF-8 byte, each covering the character it is part of. Returns -1
     * after writing the single token when the whole word is a token and {@code ignore_merges} is on.
     */
    private int symbolsOfBytes(String text, Work w) {
        byte[] bytes = utf8(text);
        int cps = text.codePointCount(0, text.length());
        if (ignoreMerges) {
            int id = vocab.rank(bytes, 0, bytes.length);
            if (id >= 0) {
                return whole(w, id, cps);
            }
        }
        w.ensure(bytes.length);
        int n = 0;
        int cp = -1;
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                cp++;
            }
            int id = byteIds[bytes[i] & 0xFF];
            if (id < 0) {
                n = unknown(w, n, cp, cp + 1);
                continue;
            }
            n = symbol(w, n, id, cp, cp + 1);
        }
        return n;
    }

    /**
     * Character symbols, with prefix, suffix, byte fallback and unknown handling, placed as the Rust
     * {@code Word} places them: each symbol's range is the running sum of the byte lengths before it
     * (a character's UTF-8 length, 1 for a byte-fallback token), so a dropped character shifts what
     * follows and byte-fallback tokens of a prefixed character run past it. An unknown character waits
     * until the next symbol found in the vocabulary (or the end): byte-fallback tokens do not flush it, so
     * it lands after them, and with {@code fuse_unk} it fuses with the next unknown across them.
     * Ranges are bytes here; {@link #bytesToCodePoints} converts them after the merges.
     */
    private int symbolsOfChars(NormalizedString piece, String text, Work w) {
        int length = piece.length();
        if (ignoreMerges) {
            byte[] bytes = utf8(text);
            int id = vocab.rank(bytes, 0, bytes.length);
            if (id >= 0) {
                return whole(w, id, length);
            }
        }
        w.ensure(length);
        int n = 0;
        int pos = 0;
        int pending = 0;
        for (int i = 0; i < length; i++) {
            int cp = piece.codePointAt(i);
            int charBytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (prefix == null && suffix == null && cp < Character.MIN_SUPPLEMENTARY_CODE_POINT && charIds[cp] >= 0) {
                if (pending > 0) {
                    n = symbol(w, n, unkId, pos, pos + pending);
                    pos += pending;
                    pending = 0;
                }
                n = symbol(w, n, charIds[cp], pos, pos + charBytes);
                pos += charBytes;
                continue;
            }
            byte[] s = w.spelling(i > 0 ? prefix : null, cp, i == length - 1 ? suffix : null);
            int id = vocab.rank(s, 0, w.spellingLength);
            if (id >= 0) {
                if (pending > 0) {
                    n = symbol(w, n, unkId, pos, pos + pending);
                    pos += pending;
                    pending = 0;
                }
                n = symbol(w, n, id, pos, pos + charBytes);
                pos += charBytes;
                continue;
            }
            if (byteFallback != null && allBytesKnown(s, w.spellingLength)) {
                w.ensure(n + w.spellingLength);
                for (int k = 0; k < w.spellingLength; k++) {
                    n = symbol(w, n, byteFallback[s[k] & 0xFF], pos, pos + 1);
                    pos++;
                }
                continue;
            }
            if (unkId < 0) {
                continue; // no unknown token: the character is dropped
            }
            if (pending > 0 && !fuseUnk) {
                n = symbol(w, n, unkId, pos, pos + pending);
                pos += pending;
                pending = 0;
            }
            pending += charBytes;
        }
        if (pending > 0) {
            n = symbol(w, n, unkId, pos, pos + pending);
        }
        return n;
    }

    /**
     * Byte ranges of the piece's UTF-8 to code point ranges, as the Rust library maps a token's
     * normalized bytes back: the start is the character holding its first byte, the end follows the
     * character holding its last byte. A range running past the piece (byte-fallback tokens of a
     * prefixed character) is clipped to it; the Rust library reports raw byte offsets there.
     */
    static void bytesToCodePoints(NormalizedString piece, int[] starts, int[] ends, int count) {
        int length = piece.length();
        int[] cpOfByte = new int[length * 4 + 1];
        int total = 0;
        for (int i = 0; i < length; i++) {
            int cp = piece.codePointAt(i);
            int charBytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            for (int k = 0; k < charBytes; k++) {
                cpOfByte[total++] = i;
            }
        }
        for (int k = 0; k < count; k++) {
            int bs = starts[k];
            int be = ends[k];
            starts[k] = bs < total ? cpOfByte[bs] : length;
            ends[k] = be - 1 < total ? cpOfByte[be - 1] + 1 : length;
            if (ends[k] < starts[k]) {
                ends[k] = starts[k];
            }
        }
    }

    private static int symbol(Work w, int n, int id, int start, int end) {
        w.ensure(n + 1);
        w.ids[n] = id;
        w.symbolStart[n] = start;
        w.symbolEnd[n] = end;
        w.unknown[n] = false;
        return n + 1;
    }

    /**
     * An unknown character at {@code [from, to)}: the unknown token, or with {@code fuse_unk} the
     * previous unknown symbol grown over it; nothing when the model has no unknown token.
     */
    private int unknown(Work w, int n, int from, int to) {
        if (unkId < 0) {
            return n;
        }
        if (fuseUnk && n > 0 && w.unknown[n - 1]) {
            w.symbolEnd[n - 1] = to;
            return n;
        }
        n = symbol(w, n, unkId, from, to);
        w.unknown[n - 1] = true;
        return n;
    }

    private boolean allBytesKnown(byte[] s, int length) {
        for (int k = 0; k < length; k++) {
            if (byteFallback[s[k] & 0xFF] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int whole(Work w, int id, int length) {
        w.ensure(1);
        w.ids[0] = id;
        w.starts[0] = 0;
        w.ends[0] = length;
        return -1;
    }

    @Override
    public String token(int id) {
        return id >= 0 && id < spellings.length ? spellings[id] : null;
    }

    @Override
    public OptionalInt id(String token) {
        Integer id = idsBySpelling.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The bytes the vocabulary looks {@code id} up by (for byte-level vocabularies, what the token stands for). */
    public byte[] tokenBytes(int id) {
        return vocab.tokenBytes(id);
    }

    /** The unknown token's id, or -1. */
    public int unkId() {
        return unkId;
    }

    /** The id of the byte-fallback token {@code <0xNN>} of byte {@code b} (0..255), or -1 (always without byte fallback). */
    public int byteFallbackId(int b) {
        return byteFallback == null ? -1 : byteFallback[b];
    }

    /** Whether a word that is itself in the vocabulary is one token, merges or not ({@code ignore_merges}). */
    public boolean ignoreMerges() {
        return ignoreMerges;
    }

    /** The merge list. */
    public RankedMerges merges() {
        return merges;
    }

    /** Whether input is looked up byte by byte. */
    public boolean byteLevel() {
        return byteLevel;
    }

    /** Whether symbols are plain characters or bytes: no prefix, suffix or byte fallback. */
    public boolean plainBytes() {
        return prefix == null && suffix == null && byteFallback == null;
    }

    /**
     * This byte-level model as a {@link RankedByteBpe} (the same ids from UTF-8 bytes), or null when a
     * byte has no token.
     */
    public RankedByteBpe rankedByteBpe() {
        for (int id : byteIds) {
            if (id < 0) {
                return null;
            }
        }
        return new RankedByteBpe(vocab, merges, ignoreMerges);
    }

    @Override
    public int idBound() {
        return spellings.length;
    }

    @Override
    public int vocabularyEntries() {
        return entries;
    }

    @Override
    public String describe() {
        return String.format("BPE, %,d tokens, %,d merges", entries, merges.size())
                + (byteLevel ? ", byte-level" : "")
                + (ignoreMerges ? ", ignore_merges" : "")
                + (byteFallback != null ? ", byte_fallback" : "")
                + (unkId >= 0 ? ", unk " + spellings[unkId] + (fuseUnk ? " (fused)" : "") : "")
                + (prefix != null ? ", continuing_subword_prefix " + prefix : "")
                + (suffix != null ? ", end_of_word_suffix " + suffix : "");
    }

    /** One thread's working arrays. */
    static final class Work {
        final RankedMergeBpe bpe;
        int[] ids = new int[64];
        int[] symbolStart = new int[64];
        int[] symbolEnd = new int[64];
        boolean[] unknown = new boolean[64];
        int[] boundaries = new int[65];
        int[] starts = new int[64];
        int[] ends = new int[64];
        byte[] spelling = new byte[64];
        int spellingLength;

        Work(RankedMerges merges) {
            this.bpe = new RankedMergeBpe(merges);
        }

        void ensure(int n) {
            if (ids.length < n) {
                int capacity = Math.max(n, ids.length * 2);
                ids = Arrays.copyOf(ids, capacity);
                symbolStart = Arrays.copyOf(symbolStart, capacity);
                symbolEnd = Arrays.copyOf(symbolEnd, capacity);
                unknown = Arrays.copyOf(unknown, capacity);
                boundaries = Arrays.copyOf(boundaries, capacity + 1);
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
        }

        /** The UTF-8 of {@code prefix + codePoint + suffix} in {@link #spelling} (padded for ByteVocabulary's reads). */
        byte[] spelling(String prefix, int codePoint, String suffix) {
            if (prefix == null && suffix == null) {
                int n = encode(codePoint, spelling, 0);
                spellingLength = n;
                return spelling;
            }
            int cp = codePoint >= 0xD800 && codePoint <= 0xDFFF ? 0xFFFD : codePoint; // a lone surrogate is looked up as U+FFFD
            byte[] s = ((prefix == null ? "" : prefix) + new String(Character.toChars(cp)) + (suffix == null ? "" : suffix))
                    .getBytes(StandardCharsets.UTF_8);
            if (spelling.length < s.length + ByteVocabulary.READ_PADDING) {
                spelling = new byte[s.length + ByteVocabulary.READ_PADDING + 16];
            }
            System.arraycopy(s, 0, spelling, 0, s.length);
            spellingLength = s.length;
            return spelling;
        }

        private static int encode(int cp, byte[] out, int at) {
            if (cp < 0x80) {
                out[at] = (byte) cp;
                return 1;
            }
            if (cp < 0x800) {
                out[at] = (byte) (0xC0 | cp >> 6);
                out[at + 1] = (byte) (0x80 | cp & 0x3F);
                return 2;
            }
            if (cp < 0x10000) {
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0xFFFD; // a lone surrogate is looked up as U+FFFD, as its UTF-8 is
                }
                out[at] = (byte) (0xE0 | cp >> 12);
                out[at + 1] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[at + 2] = (byte) (0x80 | cp & 0x3F);
                return 3;
            }
            out[at] = (byte) (0xF0 | cp >> 18);
            out[at + 1] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[at + 2] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[at + 3] = (byte) (0x80 | cp & 0x3F);
            return 4;
        }
    }
}
