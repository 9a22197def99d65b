package dev.tokenlab.sentencepiece;

import java.util.ArrayList;
import java.util.List;

/**
 * The merges of a SentencePiece BPE model's {@link BpeSegmenter}, one at a time, told to a listener:
 * what {@code tokenlab explain} shows. Same rule, same result: the normalized text starts as symbols
 * (the longest user-defined symbol at each position, else one character); the adjacent pair whose
 * joined text is the piece of highest score merges, the leftmost on a tie, until no adjacent pair is a
 * piece; a part that is an UNUSED piece is then split back into the parts it was last queued from.
 *
 * <p>A separate implementation on purpose, so the encoder's heap loop carries no listener call and no
 * branch for it. This one is the textbook loop (an array of parts, a linear scan per merge, O(n²) in
 * the length of a word), fine for the words and sentences a person asks to see explained. It reads
 * the encoder's own tables (pairs, character keys, user-defined symbols, scores), and
 * {@code SentencePieceBpeExplainerTest} proves its output equals {@code encode}'s on every edge case.
 *
 * <pre>{@code
 * // Llama 2, the normalized text "▁unhappiness": 12 characters, 9 merges, then 3 parts
 * TracingBpeSegmenter tracer = TracingBpeSegmenter.of(llama2);
 * TracingBpeSegmenter.Result r = tracer.segment(bytes, 0, bytes.length,
 *         (step, position, start, mid, end, id, score) -> System.out.println(step + ". id " + id + " score " + score));
 * // 1. id 262 score -3.0 ("i"+"n" → "in") … 9. id 28859 score -28600.0 ("▁un"+"h" → "▁unh")
 * // r.parts(): [Segment[start=0, end=6, id=28859], Segment[6, 9, 932], Segment[9, 14, 3335]]: "▁unh" "app" "iness"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TracingBpeSegmenter {

    /** Told about each merge, in order. */
    @FunctionalInterface
    public interface MergeListener {
        /**
         * Parts {@code [start, mid)} and {@code [mid, end)} became one part, the piece {@code id}.
         *
         * @param step     1 for the first merge of the call, then 2, 3 …
         * @param position index of the left part among the parts before this merge (0 = first part)
         * @param start    first byte of the left part (an index into the bytes given to {@code segment})
         * @param mid      first byte of the right part
         * @param end      one past the last byte of the right part
         * @param id       the merged piece
         * @param score    its score, what chose this pair
         */
        void merged(int step, int position, int start, int mid, int end, int id, float score);
    }

    /**
     * One starting symbol.
     *
     * @param start       its first byte
     * @param end         one past its last byte
     * @param id          the id it has on its own: its piece, the user-defined symbol, or the unknown id
     *                    when no piece is this character (unless merged, it ends as byte fallback or unknown)
     * @param userDefined whether it is a user-defined symbol (matched before characters, never merged)
     */
    public record Symbol(int start, int end, int id, boolean userDefined) {
    }

    /**
     * A stretch {@code [start, end)} of the normalized bytes and its id (possibly the unknown id).
     */
    public record Segment(int start, int end, int id) {
    }

    /**
     * What one call found.
     *
     * @param symbols the starting symbols, in order
     * @param parts   the parts left when no adjacent pair is a piece, in order
     * @param output  for each part, what the segmenter outputs for it: the part itself, or, for an
     *                UNUSED piece, the pieces it is split back into
     */
    public record Result(List<Symbol> symbols, List<Segment> parts, List<List<Segment>> output) {
        public Result {
            symbols = List.copyOf(symbols);
            parts = List.copyOf(parts);
            output = List.copyOf(output);
        }
    }

    private static final int NONE = Integer.MAX_VALUE;

    private final SentencePieceModel model;
    private final BpeSegmenter segmenter;

    private TracingBpeSegmenter(SentencePieceModel model, BpeSegmenter segmenter) {
        this.model = model;
        this.segmenter = segmenter;
    }

    /**
     * The tracer of a BPE model's tokenizer (it shares the tokenizer's tables).
     *
     * <pre>{@code
     * TracingBpeSegmenter.of((SentencePieceTokenizer) Tokenizers.get("llama2"));   // Llama 2's merges
     * }</pre>
     *
     * @throws IllegalArgumentException if the model is not BPE
     */
    public static TracingBpeSegmenter of(SentencePieceTokenizer tokenizer) {
        if (!(tokenizer.segmenter() instanceof BpeSegmenter bpe)) {
            throw new IllegalArgumentException(tokenizer.name() + " is a " + tokenizer.model().trainer().modelType()
                    + " model, not BPE");
        }
        return new TracingBpeSegmenter(tokenizer.model(), bpe);
    }

    /**
     * Where the encoder cuts the normalized text into words that merge independently: before each
     * {@code ▁} that follows another character, when no piece of the model spans such a point (no
     * merge can cross it). Otherwise (a piece with {@code ▁} inside, or UNUSED pieces) the whole text is
     * one stretch, as in the C++ library.
     *
     * <pre>{@code
     * tracer.words("▁Hello▁world" as UTF-8, 16);   // [0, 8, 16]: "▁Hello" and "▁world"
     * }</pre>
     *
     * @return the cut points: stretch {@code k} is {@code [w[k], w[k + 1])}; {@code w[0] == 0} and the
     *         last is {@code length}; {@code [0]} alone for an empty text
     */
    public int[] words(byte[] b, int length) {
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        if (segmenter.wordsIndependent()) {
            for (int i = 3; i + 2 < length; i++) {
                if (isSpaceSymbol(b, i) && !isSpaceSymbol(b, i - 3)) {
                    cuts.add(i);
                    i += 2;
                }
            }
        }
        if (length > 0) {
            cuts.add(length);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isSpaceSymbol(byte[] b, int i) {
        return b[i] == (byte) 0xE2 && b[i + 1] == (byte) 0x96 && b[i + 2] == (byte) 0x81;
    }

    /**
     * Segments {@code b[from, to)} (normalized UTF-8, not empty), telling {@code listener} each merge.
     * Stretches cut by {@link #words} give, one after another, the segments {@code encode} gives for
     * the whole text.
     *
     * <pre>{@code
     * // Llama 2, "▁Hello" (bytes 0..8 of "▁Hello▁world"): 5 merges, the last "▁H"+"ello" → "▁Hello" (score -14784.0)
     * tracer.segment(b, 0, 8, listener).parts();   // [Segment[start=0, end=8, id=15043]]
     * }</pre>
     */
    public Result segment(byte[] b, int from, int to, MergeListener listener) {
        // Starting symbols, exactly as BpeSegmenter.mergeRange makes them.
        List<Symbol> symbols = new ArrayList<>();
        int n = to - from;
        int[] start = new int[n + 1];
        int[] len = new int[n];
        int[] key = new int[n];
        int[] id = new int[n];
        int parts = 0;
        for (int p = from; p < to; ) {
            int m = segmenter.userDefinedLength(b, p, to);
            start[parts] = p;
            if (m > 0) {
                len[parts] = m;
                key[parts] = -1; // frozen: never merged
                id[parts] = segmenter.idOfUserDefined(b, p, m);
            } else {
                int l = Math.min(Normalizer.oneCharLen(b[p] & 0xFF), to - p);
                len[parts] = l;
                key[parts] = segmenter.charKey(b, p, l);
                id[parts] = segmenter.charId(b, p, l);
            }
            symbols.add(new Symbol(p, p + len[parts], id[parts], m > 0));
            p += len[parts];
            parts++;
        }
        // pair[i]: the piece parts i and i + 1 make, -1 for none; order[i] its score's order key (NONE for none).
        int[] pair = new int[Math.max(0, parts - 1)];
        int[] order = new int[pair.length];
        BpeSegmenter.RevMerges rev = segmenter.hasUnused() ? new BpeSegmenter.RevMerges() : null;
        for (int i = 0; i + 1 < parts; i++) {
            setPair(pair, order, i, key[i], key[i + 1]);
            record(rev, pair[i], key[i], len[i], key[i + 1]);
        }
        int step = 0;
        while (parts > 1) {
            int best = NONE;
            int at = -1;
            for (int i = 0; i + 1 < parts; i++) {
                if (pair[i] >= 0 && (at < 0 || order[i] < best)) {
                    best = order[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            int merged = pair[at];
            int mid = start[at + 1];
            int end = mid + len[at + 1];
            listener.merged(++step, at, start[at], mid, end, merged, model.score(merged));
            len[at] += len[at + 1];
            key[at] = merged;
            id[at] = merged;
            // Drop part at + 1, and the pair entry of at + 1.
            int tail = parts - at - 2;
            System.arraycopy(start, at + 2, start, at + 1, tail);
            System.arraycopy(len, at + 2, len, at + 1, tail);
            System.arraycopy(key, at + 2, key, at + 1, tail);
            System.arraycopy(id, at + 2, id, at + 1, tail);
            if (tail - 1 > 0) {
                System.arraycopy(pair, at + 2, pair, at + 1, tail - 1);
                System.arraycopy(order, at + 2, order, at + 1, tail - 1);
            }
            parts--;
            // The encoder queues the pair on the left first, then the one on the right.
            if (at > 0) {
                setPair(pair, order, at - 1, key[at - 1], merged);
                record(rev, pair[at - 1], key[at - 1], len[at - 1], merged);
            }
            if (at + 1 < parts) {
                setPair(pair, order, at, merged, key[at + 1]);
                record(rev, pair[at], merged, len[at], key[at + 1]);
            }
        }
        List<Segment> result = new ArrayList<>(parts);
        List<List<Segment>> output = new ArrayList<>(parts);
        Segmentation split = new Segmentation(8);
        for (int i = 0; i < parts; i++) {
            Segment part = new Segment(start[i], start[i] + len[i], id[i]);
            result.add(part);
            if (rev != null && id[i] >= 0 && id[i] < model.size() && model.type(id[i]) == PieceType.UNUSED) {
                split.clear();
                segmenter.resegment(id[i], part.start(), part.end(), b, rev, split);
                List<Segment> pieces = new ArrayList<>(split.count);
                for (int k = 0; k < split.count; k++) {
                    pieces.add(new Segment(split.starts[k], split.ends[k], split.ids[k]));
                }
                output.add(List.copyOf(pieces));
            } else {
                output.add(List.of(part));
            }
        }
        return new Result(symbols, result, output);
    }

    private void setPair(int[] pair, int[] order, int i, int leftKey, int rightKey) {
        int m = segmenter.pairOf(leftKey, rightKey);
        pair[i] = m;
        order[i] = m < 0 ? NONE : segmenter.scoreKey(m);
    }

    private void record(BpeSegmenter.RevMerges rev, int merged, int leftKey, int leftLength, int rightKey) {
        if (rev != null && merged >= 0 && model.type(merged) == PieceType.UNUSED) {
            rev.record(merged, leftKey, leftLength, rightKey);
        }
    }
}
