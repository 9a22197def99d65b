package dev.tokenlab.sentencepiece;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * SentencePiece BPE, the algorithm of the C++ {@code bpe::Model::SampleEncode} without dropout:
 *
 * <ol>
 *   <li>The normalized text becomes symbols: the longest user-defined symbol at each position (never
 *       merged), else one UTF-8 character.</li>
 *   <li>Every adjacent pair whose concatenation is a piece (NORMAL, USER_DEFINED or UNUSED) goes into
 *       a priority queue ordered by that piece's <em>score</em>, highest first; among equal scores the
 *       pair further left wins. (Llama 2 gives its 15 whitespace-only pieces the same score,
 *       -1e9, so this rule decides how runs of spaces merge: left to right.)</li>
 *   <li>The best pair is merged; the pairs it forms with its neighbours are queued. Queue entries
 *       whose symbols have changed since are skipped.</li>
 *   <li>A result that is an UNUSED piece is split back into the two symbols it was last queued from,
 *       recursively.</li>
 * </ol>
 *
 * <pre>{@code
 * // Llama 2, "▁Hello▁world": pairs such as "▁H" (score -120), "el" (-36), "or" (-13), "ld" (-171)
 * // merge best first, up to "▁Hello" (-14784) and "▁world" (-2927)
 * // -> [15043 "▁Hello", 3186 "▁world"]
 * }</pre>
 *
 * <p>Implementation: a symbol's merge key is its piece id (or, for a character no piece is made of,
 * -1; for a character that is not a piece but occurs inside one, a pseudo-id past the vocabulary), so
 * "is left+right a piece" is one lookup of the key pair in a table built from every split of every
 * piece. The queue is a binary heap of {@code long}s: the merged piece's score mapped to an order-reversed
 * {@code int} in the high half, the left symbol's index in the low half; an entry is re-checked
 * against the current pair when it is popped. Immutable and thread-safe.
 */
final class BpeSegmenter implements Segmenter {
    private final SentencePieceModel model;
    private final int vocabSize;
    private final int unkId;
    /** Order key of each piece's score: smaller is better. */
    private final int[] scoreKey;
    /** (leftKey << 32 | rightKey) -> merged piece id. */
    private final LongIntMap pairs;
    /** packed UTF-8 character -> merge key (piece id or pseudo-id). */
    private final LongIntMap charKeys;
    /** packed single-character reserved (CONTROL, UNKNOWN, BYTE) pieces -> id. */
    private final LongIntMap reservedChars;
    /** packed single-character segmentable pieces -> id. */
    private final LongIntMap segmentableChars;
    private final int[] asciiKey = new int[128];
    private final int[] asciiOutput = new int[128];
    private final ByteTrie userDefined;
    private final boolean hasUnused;
    /** Whether no piece has a ▁ after another character, so words (▁ and what follows) merge independently. */
    private final boolean wordsIndependent;
    /** No piece has a newline after its first byte: no merge joins a symbol to a newline after it. */
    private final boolean newlinesIndependent;
    private final WordCache cache = new WordCache();

    BpeSegmenter(SentencePieceModel model, ByteTrie userDefined) {
        this.model = model;
        this.vocabSize = model.size();
        this.unkId = model.unkId();
        this.userDefined = userDefined == null || userDefined.isEmpty() ? null : userDefined;
        int n = model.size();
        scoreKey = new int[n];
        LongIntMap segmentable = new LongIntMap(n);
        LongIntMap reservedChars = new LongIntMap(16);
        boolean unused = false;
        for (int id = 0; id < n; id++) {
            scoreKey[id] = orderKey(model.score(id));
            byte[] p = model.pieceBytesUnsafe(id);
            boolean single = Normalizer.oneCharLen(p[0] & 0xFF) == p.length;
            if (model.type(id).isSegmentable()) {
                unused |= model.type(id) == PieceType.UNUSED;
                if (single) {
                    segmentable.putIfAbsent(pack(p, 0, p.length), id);
                }
            } else if (single) {
                reservedChars.putIfAbsent(pack(p, 0, p.length), id);
            }
        }
        this.hasUnused = unused;
        this.wordsIndependent = !unused && noSpaceAfterOtherCharacters(model);
        this.newlinesIndependent = !unused && noNewlineAfterFirstByte(model);
        // Merge keys of characters: their piece id, or a pseudo-id when they only occur inside pieces.
        charKeys = new LongIntMap(n);
        int nextPseudo = n;
        // A lookup of every piece's text, to find splits whose halves are both pieces.
        Map<String, Integer> byText = new HashMap<>(n * 2);
        for (int id = 0; id < n; id++) {
            if (model.type(id).isSegmentable()) {
                byText.putIfAbsent(model.piece(id), id);
            }
        }
        pairs = new LongIntMap(n * 4);
        for (int id = 0; id < n; id++) {
            if (!model.type(id).isSegmentable()) {
                continue;
            }
            byte[] p = model.pieceBytesUnsafe(id);
            // register every character of the piece
            for (int i = 0; i < p.length; ) {
                int len = Math.min(Normalizer.oneCharLen(p[i] & 0xFF), p.length - i);
                long c = pack(p, i, i + len);
                if (charKeys.get(c, -1) < 0) {
                    int pieceId = segmentable.get(c, -1);
                    charKeys.putIfAbsent(c, pieceId >= 0 ? pieceId : nextPseudo++);
                }
                i += len;
            }
        }
        for (int id = 0; id < n; id++) {
            if (!model.type(id).isSegmentable()) {
                continue;
            }
            byte[] p = model.pieceBytesUnsafe(id);
            for (int i = 0; i < p.length; ) {
                int len = Math.min(Normalizer.oneCharLen(p[i] & 0xFF), p.length - i);
                i += len;
                if (i >= p.length) {
                    break;
                }
                int left = keyOf(p, 0, i, byText);
                int right = keyOf(p, i, p.length, byText);
                if (left >= 0 && right >= 0) {
                    pairs.putIfAbsent(((long) left << 32) | right, id);
                }
            }
        }
        for (int c = 0; c < 128; c++) {
            long packed = c | (1L << 40);
            asciiKey[c] = charKeys.get(packed, -1);
            asciiOutput[c] = outputIdOf(packed, reservedChars, segmentable);
        }
        // ids of other unmerged characters are looked up in these two maps as they come
        this.reservedChars = reservedChars;
        this.segmentableChars = segmentable;
    }

    private int outputIdOf(long c, LongIntMap reserved, LongIntMap segmentable) {
        int r = reserved.get(c, -1);
        if (r >= 0) {
            return r;
        }
        int s = segmentable.get(c, -1);
        return s >= 0 ? s : unkId;
    }

    /**
     * Whether every U+2581 inside a segmentable piece is at its start or follows another U+2581. Then
     * no piece covers a point between a character and a following ▁, and BPE on the whole text equals
     * BPE on each stretch between such points: merges are local, and their order within a stretch
     * (score, then position) does not depend on the other stretches. (Not with UNUSED pieces: the
     * C++ library splits those by the pair last queued anywhere in the text.)
     */
    private static boolean noNewlineAfterFirstByte(SentencePieceModel model) {
        for (int id = 0; id < model.size(); id++) {
            if (model.type(id).isSegmentable()) {
                byte[] p = model.pieceBytesUnsafe(id);
                for (int i = 1; i < p.length; i++) {
                    if (p[i] == '\n') {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean noSpaceAfterOtherCharacters(SentencePieceModel model) {
        for (int id = 0; id < model.size(); id++) {
            if (!model.type(id).isSegmentable()) {
                continue;
            }
            byte[] p = model.pieceBytesUnsafe(id);
            boolean prevSpace = false;
            for (int i = 0; i < p.length; ) {
                boolean space = i + 2 < p.length && p[i] == (byte) 0xE2 && p[i + 1] == (byte) 0x96 && p[i + 2] == (byte) 0x81;
                if (space && i > 0 && !prevSpace) {
                    return false;
                }
                prevSpace = space;
                i += Math.max(1, Math.min(Normalizer.oneCharLen(p[i] & 0xFF), p.length - i));
            }
        }
        return true;
    }

    /** Merge key of the bytes p[from, to): a piece id if they are one piece, a character key if one character, else -1. */
    private int keyOf(byte[] p, int from, int to, Map<String, Integer> byText) {
        if (Normalizer.oneCharLen(p[from] & 0xFF) >= to - from) {
            return charKeys.get(pack(p, from, to), -1);
        }
        Integer id = byText.get(new String(p, from, to - from, StandardCharsets.UTF_8));
        return id == null ? -1 : id;
    }

    /** Packs a UTF-8 character (1..4 bytes) into a long key. */
    static long pack(byte[] b, int from, int to) {
        long k = 0;
        for (int i = from; i < to; i++) {
            k = (k << 8) | (b[i] & 0xFF);
        }
        return k | ((long) (to - from) << 40);
    }

    /** Maps a score to an int whose ascending order is descending score (-0.0 equals 0.0, as in C++). */
    static int orderKey(float score) {
        int bits = Float.floatToIntBits(score + 0.0f);
        int ascending = bits ^ ((bits >> 31) & 0x7FFFFFFF);
        return ~ascending;
    }

    // What TracingBpeSegmenter needs to follow mergeRange step by step; not used on the encode path.

    /** Whether words (a ▁ and what follows, up to the next ▁ after another character) merge independently. */
    boolean wordsIndependent() {
        return wordsIndependent;
    }

    /** Whether the model has UNUSED pieces (split back after merging). */
    boolean hasUnused() {
        return hasUnused;
    }

    /** The length of the longest user-defined symbol at {@code b[p, to)}, or 0. */
    int userDefinedLength(byte[] b, int p, int to) {
        return userDefined == null ? 0 : userDefined.longestPrefix(b, p, to);
    }

    /** The merge key of the character {@code b[p, p + len)}, as mergeRange gives it: a piece id, a pseudo-id, or -1. */
    int charKey(byte[] b, int p, int len) {
        int c = b[p] & 0xFF;
        return c < 0x80 && len == 1 ? asciiKey[c] : charKeys.get(pack(b, p, p + len), -1);
    }

    /** The id the character {@code b[p, p + len)} is output as when it is never merged (the unknown id if it is no piece). */
    int charId(byte[] b, int p, int len) {
        int c = b[p] & 0xFF;
        return c < 0x80 && len == 1 ? asciiOutput[c] : outputIdOf(pack(b, p, p + len), reservedChars, segmentableChars);
    }

    /** Order key of piece {@code id}'s score: smaller merges first. */
    int scoreKey(int id) {
        return scoreKey[id];
    }

    @Override
    public void segment(NormalizedText text, Segmentation out, Scratch s) {
        out.clear();
        byte[] b = text.bytes;
        int n = text.length;
        if (n == 0) {
            return;
        }
        if (!wordsIndependent) {
            mergeRange(b, 0, n, out, s);
            return;
        }
        // Cut before each ▁ that follows another character: no piece spans such a point (checked when
        // the model was built), so no merge crosses it and each word can be merged, and cached, alone.
        int from = 0;
        for (int i = 3; i + 2 < n; i++) {
            if (b[i] == (byte) 0xE2 && b[i + 1] == (byte) 0x96 && b[i + 2] == (byte) 0x81
                    && !(b[i - 3] == (byte) 0xE2 && b[i - 2] == (byte) 0x96 && b[i - 1] == (byte) 0x81)) {
                word(b, from, i, out, s);
                from = i;
                i += 2;
            }
        }
        word(b, from, n, out, s);
    }

    @Override
    public boolean cutsBeforeSpace() {
        return wordsIndependent;
    }

    /**
     * No merge crosses the start of a newline when no piece holds one after its first byte: a pair
     * that would is no piece. The merges on either side are then those of each side alone.
     */
    @Override
    public boolean cutsBeforeNewline() {
        return newlinesIndependent;
    }

    /** Blocks are cut where no merge crosses: nothing carries over ({@code carry} is 0). */
    @Override
    public float segmentBlock(NormalizedText text, float carry, Segmentation out, Scratch s) {
        segment(text, out, s);
        return 0f;
    }

    /** Merges one word, through the cache when it is short. */
    private void word(byte[] b, int from, int to, Segmentation out, Scratch s) {
        int length = to - from;
        if (length > WordCache.MAX_WORD_BYTES) {
            mergeRange(b, from, to, out, s);
            return;
        }
        int hash = WordCache.hash(b, from, to);
        WordCache.Entry hit = cache.get(b, from, to, hash);
        if (hit != null) {
            int at = from;
            for (int k = 0; k < hit.ids.length; k++) {
                int end = at + hit.lengths[k];
                out.add(at, end, hit.ids[k]);
                at = end;
            }
            return;
        }
        int first = out.count;
        mergeRange(b, from, to, out, s);
        cache.put(b, from, to, hash, out, first);
    }

    /** The BPE merge loop over the symbols of {@code b[from, to)}; appends the pieces to {@code out}. */
    private void mergeRange(byte[] b, int from, int to, Segmentation out, Scratch s) {
        int n = to - from;
        int[] start = s.ints1 = Scratch.ensure(s.ints1, n);
        int[] len = s.ints2 = Scratch.ensure(s.ints2, n);
        int[] key = s.ints3 = Scratch.ensure(s.ints3, n);
        int[] id = s.ints4 = Scratch.ensure(s.ints4, n);
        int[] next = s.ints5 = Scratch.ensure(s.ints5, n);
        int[] prev = s.ints6 = Scratch.ensure(s.ints6, n);
        int count = 0;
        for (int p = from; p < to; ) {
            int c = b[p] & 0xFF;
            int m = 0;
            if (userDefined != null) {
                m = userDefined.longestPrefix(b, p, to);
            }
            start[count] = p;
            if (m > 0) {
                len[count] = m;
                key[count] = -1; // frozen: never merged
                id[count] = idOfUserDefined(b, p, m);
            } else if (c < 0x80) {
                len[count] = 1;
                key[count] = asciiKey[c];
                id[count] = asciiOutput[c];
            } else {
                int l = Math.min(Normalizer.oneCharLen(c), to - p);
                long packed = pack(b, p, p + l);
                len[count] = l;
                key[count] = charKeys.get(packed, -1);
                id[count] = outputIdOf(packed, reservedChars, segmentableChars);
            }
            prev[count] = count - 1;
            next[count] = count + 1;
            p += len[count];
            count++;
        }
        next[count - 1] = -1;

        long[] heap = s.heap.length >= count + 16 ? s.heap : (s.heap = new long[count + 16]);
        int heapSize = 0;
        for (int i = 1; i < count; i++) {
            int merged = pairOf(key[i - 1], key[i]);
            if (merged >= 0) {
                heap = s.heap = push(heap, heapSize++, entry(merged, i - 1));
            }
        }
        RevMerges rev = hasUnused ? new RevMerges() : null;
        if (rev != null) {
            for (int i = 1; i < count; i++) {
                int merged = pairOf(key[i - 1], key[i]);
                if (merged >= 0 && model.type(merged) == PieceType.UNUSED) {
                    rev.record(merged, key[i - 1], len[i - 1], key[i]);
                }
            }
        }
        while (heapSize > 0) {
            long top = heap[0];
            heapSize = pop(heap, heapSize);
            int left = (int) top;
            if (len[left] == 0) {
                continue;
            }
            int right = next[left];
            if (right < 0) {
                continue;
            }
            int merged = pairOf(key[left], key[right]);
            if (merged < 0 || scoreKey[merged] != (int) (top >> 32)) {
                continue;
            }
            len[left] += len[right];
            key[left] = merged;
            id[left] = merged;
            int after = next[right];
            next[left] = after;
            if (after >= 0) {
                prev[after] = left;
            }
            len[right] = 0;
            int before = prev[left];
            if (before >= 0) {
                int m = pairOf(key[before], merged);
                if (m >= 0) {
                    heap = s.heap = push(heap, heapSize++, entry(m, before));
                    if (rev != null && model.type(m) == PieceType.UNUSED) {
                        rev.record(m, key[before], len[before], merged);
                    }
                }
            }
            if (after >= 0) {
                int m = pairOf(merged, key[after]);
                if (m >= 0) {
                    heap = s.heap = push(heap, heapSize++, entry(m, left));
                    if (rev != null && model.type(m) == PieceType.UNUSED) {
                        rev.record(m, merged, len[left], key[after]);
                    }
                }
            }
        }
        for (int i = 0; i >= 0; i = next[i]) {
            if (rev != null && id[i] >= 0 && id[i] < vocabSize && model.type(id[i]) == PieceType.UNUSED) {
                resegment(id[i], start[i], start[i] + len[i], b, rev, out);
            } else {
                out.add(start[i], start[i] + len[i], id[i]);
            }
        }
    }

    int idOfUserDefined(byte[] b, int p, int m) {
        int node = 0;
        for (int i = p; i < p + m; i++) {
            node = userDefined.child(node, b[i] & 0xFF);
        }
        return userDefined.value(node);
    }

    int pairOf(int leftKey, int rightKey) {
        if (leftKey < 0 || rightKey < 0) {
            return -1;
        }
        return pairs.get(((long) leftKey << 32) | rightKey, -1);
    }

    private long entry(int merged, int left) {
        return ((long) scoreKey[merged] << 32) | left;
    }

    /** Splits an UNUSED piece back into the symbols it was merged from, as the C++ {@code resegment}. */
    void resegment(int pieceKey, int from, int to, byte[] b, RevMerges rev, Segmentation out) {
        if (pieceKey >= vocabSize || pieceKey < 0) { // a character that is not a piece by itself
            long packed = pack(b, from, to);
            out.add(from, to, outputIdOf(packed, reservedChars, segmentableChars));
            return;
        }
        if (model.type(pieceKey) != PieceType.UNUSED || !rev.has(pieceKey)) {
            out.add(from, to, pieceKey);
            return;
        }
        int mid = from + rev.leftLength(pieceKey);
        resegment(rev.left(pieceKey), from, mid, b, rev, out);
        resegment(rev.right(pieceKey), mid, to, b, rev, out);
    }

    private static long[] push(long[] heap, int size, long value) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size + (size >> 1) + 16);
        }
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = heap[parent];
            if (p <= value) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = value;
        return heap;
    }

    /** Removes heap[0]; returns the new size. */
    private static int pop(long[] heap, int size) {
        int last = size - 1;
        long value = heap[last];
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long c = heap[child];
            int right = child + 1;
            if (right < last && heap[right] < c) {
                child = right;
                c = heap[right];
            }
            if (value <= c) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = value;
        return last;
    }

    /** The pairs last queued for each UNUSED piece (the C++ {@code rev_merge}), per call. */
    static final class RevMerges {
        private final Map<Integer, int[]> entries = new HashMap<>();

        void record(int merged, int leftKey, int leftLength, int rightKey) {
            entries.put(merged, new int[] {leftKey, leftLength, rightKey});
        }

        boolean has(int merged) {
            return entries.containsKey(merged);
        }

        int left(int merged) {
            return entries.get(merged)[0];
        }

        int leftLength(int merged) {
            return entries.get(merged)[1];
        }

        int right(int merged) {
            return entries.get(merged)[2];
        }
    }
}
