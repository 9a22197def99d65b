package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.hf.HfTokenizer;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.NormalizedString;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code tokenize} of a Hugging Face {@code tokenizer.json}, seen step by step by the explainers of
 * its models: {@link HfTokenizer} runs its own pipeline (added tokens, normalizer, added tokens in the
 * normalized text, pre-tokenizer, post-processor, offsets and their trimming) and hands each
 * pre-token to a tracer in place of the model. The tracer's tokens are what {@code tokenize} returns,
 * so the trace ends in {@code tokenize}'s tokens exactly when the tracer repeats the model; the
 * explainer tests check that on every edge case.
 */
final class HfPipeline {
    private HfPipeline() {
    }

    /** Traces one pre-token: passes its tokens to {@code out}, as the model would, and returns what happened. */
    @FunctionalInterface
    interface Tracer<T> {
        T trace(NormalizedString piece, Model model, Model.TokenOut out);
    }

    /**
     * One step of the pipeline and the tokens it gave, in text order.
     *
     * @param source where it comes from
     * @param start  its first UTF-16 index in the input (for a model piece, the smallest its characters came from)
     * @param end    one past its last
     * @param piece  the pre-token as the model saw it (null for added and post-processor tokens)
     * @param detail what the tracer returned (null for added and post-processor tokens)
     * @param tokens its tokens, as {@code tokenize} gives them
     */
    record Segment<T>(PieceSource source, int start, int end, NormalizedString piece, T detail, List<TokenSpan> tokens) {
    }

    /**
     * The whole run.
     *
     * @param normalized the text after normalization: each stretch between added tokens normalized, the
     *                   added tokens found in the raw text as they are there
     * @param segments   the steps, in order
     * @param tokens     all tokens, as {@code tokenize} gives them
     */
    record Run<T>(String normalized, List<Segment<T>> segments, List<TokenSpan> tokens) {
    }

    /** Tokenizes {@code text} under the tokenizer's default special-token policy, tracing each model piece. */
    static <T> Run<T> run(HfTokenizer tokenizer, String text, Tracer<T> tracer) {
        StringBuilder normalized = new StringBuilder(text.length() + 8);
        List<Object[]> steps = new ArrayList<>(); // {source, start, end, piece, detail, token count}
        HfTokenizer.Observer observer = new HfTokenizer.Observer() {
            @Override
            public void normalized(NormalizedString stretch) {
                normalized.append(stretch);
            }

            @Override
            public void added(int id, int start, int end, boolean inNormalized) {
                if (!inNormalized) {
                    normalized.append(text, start, end);
                }
                steps.add(new Object[] {PieceSource.ADDED_TOKEN, start, end, null, null, 1});
            }

            @Override
            public void processor(int id, int at) {
                steps.add(new Object[] {PieceSource.POST_PROCESSOR, at, at, null, null, 1});
            }

            @Override
            public boolean model(NormalizedString piece, Model model, Model.TokenOut out) {
                int[] count = {0};
                boolean[] going = {true};
                T detail = tracer.trace(piece, model, (id, start, end) -> {
                    count[0]++;
                    going[0] = out.token(id, start, end);
                    return going[0];
                });
                int start = Integer.MAX_VALUE;
                int end = 0;
                for (int i = 0; i < piece.length(); i++) {
                    start = Math.min(start, piece.originalStart(i));
                    end = Math.max(end, piece.originalEnd(i));
                }
                steps.add(new Object[] {PieceSource.MODEL, start, Math.max(start, end), piece, detail, count[0]});
                return going[0];
            }
        };
        List<TokenSpan> spans = tokenizer.tokenize(text, tokenizer.defaultSpecialTokens(), observer);
        List<Segment<T>> segments = new ArrayList<>(steps.size());
        int k = 0;
        for (Object[] s : steps) {
            int count = (Integer) s[5];
            if (k + count > spans.size()) {
                throw new IllegalStateException("the pipeline's steps gave more tokens than tokenize: " + spans.size());
            }
            @SuppressWarnings("unchecked")
            T detail = (T) s[4];
            segments.add(new Segment<>((PieceSource) s[0], (Integer) s[1], (Integer) s[2], (NormalizedString) s[3], detail,
                    spans.subList(k, k + count)));
            k += count;
        }
        if (k != spans.size()) {
            throw new IllegalStateException("the pipeline's steps gave " + k + " tokens, tokenize " + spans.size());
        }
        return new Run<>(normalized.toString(), segments, spans);
    }

    /** The token {@code id} of {@code tokenizer} covering the input's {@code [start, end)}. */
    static TokenSpan span(HfTokenizer tokenizer, int id, int start, int end) {
        return new TokenSpan(id, tokenizer.tokenBytes(id), start, end, tokenizer.isSpecial(id));
    }
}
