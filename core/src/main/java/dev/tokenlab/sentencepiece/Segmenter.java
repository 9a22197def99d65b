package dev.tokenlab.sentencepiece;

/**
 * Splits normalized text into pieces: {@link BpeSegmenter} or {@link UnigramSegmenter}. Unknown text
 * comes out as the unknown id, one character per piece; byte fallback and the merging of unknown
 * runs happen afterwards, as in the C++ library. Implementations are immutable and thread-safe; per-call
 * state lives in the {@link Scratch} the caller passes.
 */
interface Segmenter {

    /** Segments {@code text.bytes[0, text.length)} into {@code out} (cleared first). */
    void segment(NormalizedText text, Segmentation out, Scratch scratch);

    /**
     * Whether no piece spans a {@code ▁} that follows another character, so a text cut before such a
     * {@code ▁} can be segmented block by block ({@link #segmentBlock}) with the same result.
     */
    boolean cutsBeforeSpace();

    /** Whether no piece has a newline after its first byte, so a text can be segmented in blocks cut before newlines. */
    boolean cutsBeforeNewline();

    /**
     * Segments one block of a longer text into {@code out} (cleared first): the first block, or one
     * that starts where the previous block was cut: before a {@code ▁} following another character
     * ({@link #cutsBeforeSpace}) or before a newline ({@link #cutsBeforeNewline}). {@code carry} is
     * what the previous block's call returned (0 for the first); the result is passed to the next
     * block's.
     */
    float segmentBlock(NormalizedText text, float carry, Segmentation out, Scratch scratch);

    /** Reusable working memory for one thread's calls. */
    final class Scratch {
        int[] ints1 = new int[0];
        int[] ints2 = new int[0];
        int[] ints3 = new int[0];
        int[] ints4 = new int[0];
        int[] ints5 = new int[0];
        int[] ints6 = new int[0];
        double[] doubles1 = new double[0];
        double[] doubles2 = new double[0];
        long[] heap = new long[0];

        static int[] ensure(int[] a, int n) {
            return a.length >= n ? a : new int[Math.max(n, a.length + (a.length >> 1))];
        }

        static double[] ensure(double[] a, int n) {
            return a.length >= n ? a : new double[Math.max(n, a.length + (a.length >> 1))];
        }
    }
}
