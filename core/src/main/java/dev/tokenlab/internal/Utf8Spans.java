package dev.tokenlab.internal;

/**
 * Maps tokens given as byte ranges of a piece's UTF-8 back to the UTF-16 range of the text each
 * touches: a token inside a character (part of an emoji) gets the whole character, as the references
 * report it. One forward walk for all the tokens of a piece.
 */
public final class Utf8Spans {
    private Utf8Spans() {
    }

    /** Receives one token's id and UTF-16 range; returns {@code false} to stop. */
    @FunctionalInterface
    public interface SpanSink {
        boolean span(int id, int charStart, int charEnd);
    }

    /**
     * For the tokens {@code ids[0, count)}, token {@code k} covering bytes {@code [starts[k], starts[k+1])}
     * of the UTF-8 of {@code text[start, end)} (which is {@code byteLength} bytes long), passes each with
     * the UTF-16 range it touches.
     *
     * @return {@code false} if the sink stopped
     */
    public static boolean map(CharSequence text, int start, int end, int byteLength, int[] ids, int[] starts, int count,
                              SpanSink sink) {
        if (byteLength == end - start) { // all ASCII: bytes and chars line up
            for (int k = 0; k < count; k++) {
                if (!sink.span(ids[k], start + starts[k], start + starts[k + 1])) {
                    return false;
                }
            }
            return true;
        }
        int ci = start;
        int charByte = 0;
        for (int k = 0; k < count; k++) {
            int b0 = starts[k];
            int last = starts[k + 1] - 1;
            int w = Utf8.byteLength(text, ci, end);
            while (charByte + w <= b0) {
                charByte += w;
                ci += w == 4 ? 2 : 1;
                w = Utf8.byteLength(text, ci, end);
            }
            int cs = ci;
            int cj = ci;
            int pj = charByte;
            int wj = w;
            while (pj + wj <= last) {
                pj += wj;
                cj += wj == 4 ? 2 : 1;
                wj = Utf8.byteLength(text, cj, end);
            }
            if (!sink.span(ids[k], cs, cj + (wj == 4 ? 2 : 1))) {
                return false;
            }
        }
        return true;
    }
}
