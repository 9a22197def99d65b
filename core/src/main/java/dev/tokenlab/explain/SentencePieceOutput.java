package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.sentencepiece.SentencePieceModel;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The last step of a SentencePiece encode, for the explainers: a segmentation's pieces become
 * tokens, the unknown ones as byte pieces (byte fallback) or as one unknown token per run of unknown
 * pieces. The same rule as {@code SentencePieceTokenizer}'s encode loop, kept per segment so a trace
 * can say which part became which tokens; the explainer tests prove the tokens equal
 * {@code tokenize}'s on every edge case.
 */
final class SentencePieceOutput {
    private final SentencePieceTokenizer tokenizer;
    private final SentencePieceModel model;
    private final boolean byteFallback;

    SentencePieceOutput(SentencePieceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.model = tokenizer.model();
        this.byteFallback = model.trainer().byteFallback();
    }

    /** Whether an unknown part falls back to bytes ({@link Fallback.Kind#BYTES}) or to the unknown piece. */
    Fallback.Kind unknownKind() {
        return byteFallback ? Fallback.Kind.BYTES : Fallback.Kind.UNKNOWN;
    }

    /**
     * The tokens of a whole segmentation, per segment.
     *
     * @param norm   the normalized text
     * @param starts each segment's first byte
     * @param ends   each segment's end byte
     * @param ids    each segment's id (the unknown id for text no piece covers)
     * @return for each segment, the tokens it becomes; a run of unknown segments without byte fallback
     *         has its one unknown token with its first segment and none with the others
     */
    List<List<TokenSpan>> tokens(SentencePieceTokenizer.Normalized norm, int[] starts, int[] ends, int[] ids) {
        int[] orig = norm.charOffsets();
        byte[] nb = norm.bytes();
        int unkId = model.unkId();
        List<List<TokenSpan>> out = new ArrayList<>(ids.length);
        int pending = -1; // the first segment of the current run of unknown segments, or -1
        int unkStart = 0;
        int unkEnd = 0;
        for (int k = 0; k < ids.length; k++) {
            List<TokenSpan> mine = new ArrayList<>(1);
            out.add(mine);
            int cs = orig[starts[k]];
            int ce = orig[ends[k]];
            if (ids[k] == unkId) {
                if (byteFallback) {
                    for (int i = starts[k]; i < ends[k]; i++) {
                        mine.add(span(model.byteId(nb[i] & 0xFF), cs, ce));
                    }
                } else if (pending >= 0) {
                    unkEnd = ce;
                } else {
                    pending = k;
                    unkStart = cs;
                    unkEnd = ce;
                }
                continue;
            }
            if (pending >= 0) {
                out.get(pending).add(span(unkId, unkStart, unkEnd));
                pending = -1;
            }
            mine.add(span(ids[k], cs, ce));
        }
        if (pending >= 0) {
            out.get(pending).add(span(unkId, unkStart, unkEnd));
        }
        return out;
    }

    private TokenSpan span(int id, int start, int end) {
        return new TokenSpan(id, tokenizer.tokenBytes(id), start, end, tokenizer.isSpecial(id));
    }
}
