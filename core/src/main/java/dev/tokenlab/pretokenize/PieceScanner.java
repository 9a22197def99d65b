package dev.tokenlab.pretokenize;

/**
 * A pre-tokenizer that finds each piece's end from its start, with no state: the hand-written
 * scanners. Pieces are contiguous, so splitting is a loop over {@link #pieceEnd}.
 */
abstract class PieceScanner implements PreTokenizer {

    /** End of the piece that starts at {@code i} ({@code i < to}); always greater than {@code i}. */
    abstract int pieceEnd(CharSequence text, int i, int to);

    @Override
    public final boolean split(CharSequence text, int from, int to, PieceSink sink) {
        int i = from;
        while (i < to) {
            int end = pieceEnd(text, i, to);
            if (!sink.piece(i, end)) {
                return false;
            }
            i = end;
        }
        return true;
    }
}
