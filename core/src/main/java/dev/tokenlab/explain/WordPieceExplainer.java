package dev.tokenlab.explain;

import dev.tokenlab.hf.HfTokenizer;
import dev.tokenlab.hf.models.TracingWordPiece;
import dev.tokenlab.hf.models.WordPiece;

import java.util.ArrayList;
import java.util.List;

/**
 * The explainer of Hugging Face WordPiece models (BERT): the file's pipeline cuts the text into words
 * ({@link HfPipeline}: added tokens, BERT's normalizer and pre-tokenizer …) and {@link TracingWordPiece}
 * replays the greedy longest-match-first search on each. The final tokens are {@code tokenize}'s,
 * offsets included.
 *
 * <pre>{@code
 * WordPieceTrace t = new WordPieceExplainer(bert, wordPiece).explain("unhappiness");
 * // one word: at 0 "un" (after 9 longer candidates), at 2 "##happiness" → [4895, 19137]
 * }</pre>
 */
final class WordPieceExplainer implements Explainer {
    private final HfTokenizer tokenizer;
    private final WordPiece model;
    private final TracingWordPiece tracer;

    WordPieceExplainer(HfTokenizer tokenizer, WordPiece model) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.tracer = new TracingWordPiece(model);
    }

    @Override
    public String tokenizer() {
        return tokenizer.name();
    }

    @Override
    public String algorithm() {
        return "WordPiece: from the start of each word take the longest vocabulary entry that matches (spelled with "
                + model.prefix() + " after the first piece), then the same from where it ends; a word longer than "
                + model.maxInputCharsPerWord() + " characters, or with a position where nothing matches, is "
                + model.token(model.unkId());
    }

    @Override
    public WordPieceTrace explain(String text) {
        HfPipeline.Run<TracingWordPiece.Result> run = HfPipeline.run(tokenizer, text, (piece, m, out) -> {
            TracingWordPiece.Result r = tracer.trace(piece);
            for (int k = 0; k < r.ids().length; k++) {
                if (!out.token(r.ids()[k], r.starts()[k], r.ends()[k])) {
                    break;
                }
            }
            return r;
        });
        List<WordPieceTrace.Word> words = new ArrayList<>(run.segments().size());
        for (HfPipeline.Segment<TracingWordPiece.Result> s : run.segments()) {
            String covered = text.substring(s.start(), s.end());
            if (s.source() != PieceSource.MODEL) {
                words.add(new WordPieceTrace.Word(covered, s.start(), s.end(), covered, s.source(), List.of(),
                        WordPieceTrace.Unknown.NONE, s.tokens()));
                continue;
            }
            TracingWordPiece.Result r = s.detail();
            List<WordPieceTrace.Step> steps = new ArrayList<>(r.steps().size());
            for (TracingWordPiece.Step step : r.steps()) {
                steps.add(new WordPieceTrace.Step(step.start(), step.matched() ? step.end() - step.start() : 0, step.spelling(), step.id(),
                        step.longerTried()));
            }
            words.add(new WordPieceTrace.Word(covered, s.start(), s.end(), s.piece().toString(), PieceSource.MODEL, steps,
                    WordPieceTrace.Unknown.valueOf(r.unknown().name()), s.tokens()));
        }
        return new WordPieceTrace(tokenizer.name(), text, algorithm(), run.normalized(), model.prefix(), model.maxInputCharsPerWord(),
                words);
    }
}
