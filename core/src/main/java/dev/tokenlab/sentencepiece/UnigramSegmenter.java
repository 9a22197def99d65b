package dev.tokenlab.sentencepiece;

import java.util.Arrays;

/**
 * SentencePiece Unigram segmentation: the Viterbi path through the lattice of all pieces found in
 * the text, the one with the highest total score. This follows the C++ {@code EncodeOptimized}
 * exactly, including its arithmetic, because near-ties decide between segmentations:
 *
 * <ul>
 *   <li>Positions are UTF-8 byte offsets. For each character start, every piece (NORMAL,
 *       USER_DEFINED; UNUSED ones are skipped) that begins there is a candidate for the best path
 *       ending where it ends: the path's score is the best score up to its start plus the piece's
 *       score, summed in {@code double} and stored as {@code float}; a candidate replaces the stored
 *       one only if strictly greater, so the earliest start wins a tie.</li>
 *   <li>A user-defined piece scores {@code length_in_bytes * max_score - 0.1}, where {@code max_score}
 *       is the highest NORMAL score, so it is always chosen.</li>
 *   <li>Where no piece of exactly one character starts, the character alone is a candidate with the
 *       unknown id and score {@code min_score - 10} (summed in {@code float}).</li>
 *   <li>The path is read back from the end.</li>
 * </ul>
 *
 * <pre>{@code
 * // sentencepiece's test_model.model (trained on botchan.txt)
 * "▁I▁saw▁a▁girl"  ->  [9 "▁I", 459 "▁saw", 11 "▁a", 939 "▁girl"]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class UnigramSegmenter implements Segmenter {
    private static final float UNK_PENALTY = 10.0f;
    /** Word mode: the lattice is never cut (some piece has U+2581 after another character in both ways). */
    static final int WHOLE_TEXT = 0;
    /** Word mode: cut before each U+2581 that follows another character (no piece has one there). */
    static final int BEFORE_SPACE = 1;
    /** Word mode: cut after each U+2581 that another character follows (no piece has one there). */
    static final int AFTER_SPACE = 2;
    /** Half an ulp, and a little more for the double sum rounded before it (at most 2^-53 of the value). */
    private static final double HALF_ULP = 0.5 * (1 + 0x1p-20);

    private final ByteTrie trie;
    private final float[] scores;
    private final boolean[] skip;
    private final boolean[] userDefined;
    private final float maxScore;
    private final float unkScore;
    private final int unkId;
    private final int words;
    /** Ids above this do not fit beside a length in a cached piece. */
    private static final int MAX_PACKED_ID = Integer.MAX_VALUE >>> 8;
    private final UnigramWordCache cache = new UnigramWordCache();
    private final UnigramViterbi lattice;

    UnigramSegmenter(SentencePieceModel model) {
        int n = model.size();
        trie = new ByteTrie(n);
        scores = new float[n];
        skip = new boolean[n];
        userDefined = new boolean[n];
        float min = Float.MAX_VALUE;
        float max = Float.MIN_VALUE; // the C++ FLT_MIN: the smallest positive float
        for (int id = 0; id < n; id++) {
            PieceType type = model.type(id);
            scores[id] = model.score(id);
            if (type == PieceType.NORMAL) {
                min = Math.min(min, model.score(id));
                max = Math.max(max, model.score(id));
            }
            if (type.isSegmentable()) {
                trie.add(model.pieceBytesUnsafe(id), id);
                skip[id] = type == PieceType.UNUSED;
                userDefined[id] = type == PieceType.USER_DEFINED;
            }
        }
        this.maxScore = max;
        this.unkScore = min - UNK_PENALTY;
        this.unkId = model.unkId();
        this.words = wordMode(model);
        double[] latticeScores = new double[n];
        for (int id = 0; id < n; id++) {
            latticeScores[id] = pieceScore(id, model.pieceBytesUnsafe(id).length);
        }
        this.lattice = new UnigramViterbi(trie, latticeScores, skip, unkScore, unkId, true);
    }

    /**
     * How the lattice may be cut into words: {@link #BEFORE_SPACE} when no lattice piece (NORMAL or
     * USER_DEFINED) has a U+2581 after another character, {@link #AFTER_SPACE} when none has one
     * before another character, else {@link #WHOLE_TEXT}. A piece's text ending in the first bytes of
     * a U+2581 counts as having one there.
     */
    static int wordMode(SentencePieceModel model) {
        boolean before = true;
        boolean after = true;
        for (int id = 0; id < model.size(); id++) {
            PieceType type = model.type(id);
            if (!type.isSegmentable() || type == PieceType.UNUSED) {
                continue;
            }
            byte[] p = model.pieceBytesUnsafe(id);
            boolean prevSpace = false;
            for (int i = 0; i < p.length; ) {
                int len = Math.min(Normalizer.oneCharLen(p[i] & 0xFF), p.length - i);
                boolean space = spacePrefix(p, i, p.length);
                if (i > 0 && space && !prevSpace) {
                    before = false;
                }
                if (i > 0 && prevSpace && !space) {
                    after = false;
                }
                prevSpace = space;
                i += len;
            }
        }
        return before ? BEFORE_SPACE : after ? AFTER_SPACE : WHOLE_TEXT;
    }

    /** Whether {@code p[i, end)} starts with U+2581, or is a non-empty beginning of it. */
    private static boolean spacePrefix(byte[] p, int i, int end) {
        return p[i] == (byte) 0xE2 && (i + 1 == end || p[i + 1] == (byte) 0x96 && (i + 2 == end || p[i + 2] == (byte) 0x81));
    }

    /** The word mode chosen for this model (for tests). */
    int wordMode() {
        return words;
    }

    // What UnigramLattice needs to score the same lattice; not used on the encode path.

    /** The lattice the segment loop searches (pieces, their scores in the loop's arithmetic, the unknown score). */
    UnigramViterbi lattice() {
        return lattice;
    }

    ByteTrie trie() {
        return trie;
    }

    /** Whether piece {@code id} is in the trie but never part of a segmentation (UNUSED). */
    boolean skipped(int id) {
        return skip[id];
    }

    /** The score of piece {@code id} covering {@code length} bytes, in the segment loop's arithmetic. */
    double pieceScore(int id, int length) {
        return userDefined[id] ? (double) (length * maxScore) - 0.1 : (double) scores[id];
    }

    /** The score of an unknown character: the lowest NORMAL score less 10. */
    float unkScore() {
        return unkScore;
    }

    /** The whole text as one lattice, never from the cache: what {@link #segment} must equal (for tests). */
    void segmentWholeText(NormalizedText text, Segmentation out, Scratch s) {
        out.clear();
        if (text.length > 0) {
            viterbi(text.bytes, 0, text.length, 0f, out, s);
        }
    }

    @Override
    public void segment(NormalizedText text, Segmentation out, Scratch s) {
        if (words == WHOLE_TEXT) {
            out.clear();
            if (text.length > 0) {
                viterbi(text.bytes, 0, text.length, 0f, out, s);
            }
            return;
        }
        segmentBlock(text, 0f, out, s);
    }

    @Override
    public boolean cutsBeforeSpace() {
        return words == BEFORE_SPACE;
    }

    /** Not offered: the word loop cuts only at {@code ▁}, and NFKC models turn newlines into spaces anyway. */
    @Override
    public boolean cutsBeforeNewline() {
        return false;
    }

    /**
     * Word by word from the best score at the block's start ({@code carry}); returns the best score at
     * its end, the same float the loop over the whole text holds there, so paths stay the same.
     */
    @Override
    public float segmentBlock(NormalizedText text, float carry, Segmentation out, Scratch s) {
        out.clear();
        byte[] b = text.bytes;
        int n = text.length;
        if (n == 0) {
            return carry;
        }
        boolean before = words == BEFORE_SPACE;
        float base = carry;
        int from = 0;
        boolean prevSpace = false;
        int pos = 0;
        while (pos < n) {
            int c = b[pos] & 0xFF;
            if (c < 0x80) {
                if (prevSpace && !before && pos > from) {
                    base = word(b, from, pos, base, out, s);
                    from = pos;
                }
                prevSpace = false;
                pos++;
                continue;
            }
            boolean space = c == 0xE2 && pos + 2 < n && b[pos + 1] == (byte) 0x96 && b[pos + 2] == (byte) 0x81;
            if (pos > from && (before ? space && !prevSpace : prevSpace && !space)) {
                base = word(b, from, pos, base, out, s);
                from = pos;
            }
            prevSpace = space;
            pos += Math.min(Normalizer.oneCharLen(c), n - pos);
        }
        return word(b, from, n, base, out, s);
    }

    /**
     * Segments the word {@code b[from, to)} given the score of the best path up to {@code from}, from
     * the cache when its path is sure to be the one the lattice would take; returns the score of the
     * best path up to {@code to}.
     */
    private float word(byte[] b, int from, int to, float base, Segmentation out, Scratch s) {
        int length = to - from;
        if (length > UnigramWordCache.MAX_WORD_BYTES) {
            return viterbi(b, from, to, base, out, s);
        }
        long k0 = UnigramWordCache.bytes(b, from, Math.min(length, 8));
        long k1 = length > 8 ? UnigramWordCache.bytes(b, from + 8, Math.min(length - 8, 8)) : 0;
        int hash = UnigramWordCache.hash(k0, k1, length);
        UnigramWordCache.Word w = cache.get(b, from, to, k0, k1, hash);
        if (w == null) {
            if (cache.firstSighting(hash)) {
                return viterbi(b, from, to, base, out, s); // many words occur once: do not analyze those
            }
            w = analyze(b, from, to, k0, k1, hash, s);
            cache.put(w);
        }
        if (!(Math.ulp((float) ((Math.abs(base) + w.span) * 1.001)) * HALF_ULP < w.leadPerRounding)) {
            return viterbi(b, from, to, base, out, s);
        }
        int at = from;
        int count = w.count;
        base = emit(w.p0, at, base, out);
        at += w.p0 & 0xFF;
        if (count > 1) {
            base = emit(w.p1, at, base, out);
            at += w.p1 & 0xFF;
            if (count > 2) {
                base = emit(w.p2, at, base, out);
                at += w.p2 & 0xFF;
                if (count > 3) {
                    for (int piece : w.more) {
                        base = emit(piece, at, base, out);
                        at += piece & 0xFF;
                    }
                }
            }
        }
        return base;
    }

    /** Appends the cached piece {@code id << 8 | length} at {@code at}; returns the best score after it. */
    private float emit(int piece, int at, float base, Segmentation out) {
        int id = piece >>> 8;
        int length = piece & 0xFF;
        out.add(at, at + length, id);
        return id == unkId ? unkScore + base : (float) (pieceScore(id, length) + base);
    }

    /**
     * The C++ {@code EncodeOptimized} loop over {@code b[from, to)} ({@link UnigramViterbi} with float
     * sums), the best score at {@code from} being {@code base}; appends the best path's pieces and
     * returns the best score at {@code to}.
     */
    private float viterbi(byte[] b, int from, int to, float base, Segmentation out, Scratch s) {
        return (float) lattice.best(b, from, to, base, out, s);
    }

    /**
     * The same lattice over the word {@code b[from, to)} in exact arithmetic (double, from 0): its
     * best path, the smallest lead of the chosen piece over the runner-up at each end on that path,
     * and from these the largest base score for which the float loop is sure to take the same path.
     */
    private UnigramWordCache.Word analyze(byte[] b, int from, int to, long k0, long k1, int hash, Scratch s) {
        int n = to - from;
        double[] best = s.doubles1 = Scratch.ensure(s.doubles1, n + 1);
        double[] second = s.doubles2 = Scratch.ensure(s.doubles2, n + 1);
        int[] startsAt = s.ints1 = Scratch.ensure(s.ints1, n + 1);
        int[] bestId = s.ints2 = Scratch.ensure(s.ints2, n + 1);
        Arrays.fill(startsAt, 0, n + 1, -1);
        Arrays.fill(second, 0, n + 1, Double.NEGATIVE_INFINITY);
        best[0] = 0;
        double magnitude = 0;
        int[] charsBefore = s.ints3 = Scratch.ensure(s.ints3, n + 1);
        int chars = 0;
        int pos = 0;
        while (pos < n) {
            charsBefore[pos] = chars++;
            double tillHere = best[pos];
            boolean hasSingle = false;
            int mblen = Math.min(Normalizer.oneCharLen(b[from + pos] & 0xFF), n - pos);
            int node = 0;
            for (int k = pos; k < n; k++) {
                node = trie.child(node, b[from + k] & 0xFF);
                if (node == ByteTrie.NONE) {
                    break;
                }
                int id = trie.value(node);
                if (id < 0 || skip[id]) {
                    continue;
                }
                int length = k + 1 - pos;
                double candidate = pieceScore(id, length) + tillHere;
                magnitude = Math.max(magnitude, Math.abs(candidate));
                offer(best, second, startsAt, bestId, k + 1, candidate, pos, id);
                if (length == mblen) {
                    hasSingle = true;
                }
            }
            if (!hasSingle) {
                double candidate = (double) unkScore + tillHere;
                magnitude = Math.max(magnitude, Math.abs(candidate));
                offer(best, second, startsAt, bestId, pos + mblen, candidate, pos, unkId);
            }
            pos += mblen;
        }
        charsBefore[n] = chars;
        double span = magnitude + 1;
        int count = 0;
        double leadPerRounding = Double.POSITIVE_INFINITY;
        for (int end = n; end > 0; end = startsAt[end]) {
            double lead = best[end] - second[end] - span * 0x1p-40;
            leadPerRounding = Math.min(leadPerRounding, lead / (2 * charsBefore[end] - 1));
            count++;
        }
        int[] pieces = new int[count];
        boolean packable = true;
        for (int end = n, k = count - 1; end > 0; end = startsAt[end], k--) {
            packable &= bestId[end] <= MAX_PACKED_ID;
            pieces[k] = bestId[end] << 8 | (end - startsAt[end]);
        }
        return new UnigramWordCache.Word(b, from, to, k0, k1, hash, pieces, span, packable ? leadPerRounding : Double.NaN);
    }

    private static void offer(double[] best, double[] second, int[] startsAt, int[] bestId, int end, double candidate,
            int start, int id) {
        if (startsAt[end] == -1) {
            best[end] = candidate;
            startsAt[end] = start;
            bestId[end] = id;
        } else if (candidate > best[end]) {
            second[end] = best[end];
            best[end] = candidate;
            startsAt[end] = start;
            bestId[end] = id;
        } else {
            second[end] = Math.max(second[end], candidate);
        }
    }
}
