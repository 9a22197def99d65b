package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.ExplainTrace;
import dev.tokenlab.explain.Explainer;
import dev.tokenlab.explain.Explainers;
import dev.tokenlab.explain.UnigramTrace;
import dev.tokenlab.explain.WordPieceTrace;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /v1/explain}: how the text became tokens — for BPE the pieces with their merges in order (rank
 * or score), for Unigram the best segmentation and the next ones, for WordPiece the greedy steps — from core's
 * tracing twins, which give exactly {@code tokenize}'s tokens.
 */
final class ExplainApi {
    /** A trace lists every merge: longer texts are for {@code /v1/tokenize}. */
    static final int MAX_CHARS = 20_000;

    private final Models models;
    private final String defaultModel;

    ExplainApi(Models models, String defaultModel) {
        this.models = models;
        this.defaultModel = defaultModel;
    }

    JsonNode explain(ObjectNode request) {
        Fields f = Fields.of(request, Set.of("model", "text"));
        String model = f.text("model", defaultModel);
        Tokenizer t = models.open(model, false);
        String text = f.text("text");
        if (text.length() > MAX_CHARS) {
            throw ApiException.badRequest("field \"text\" is " + text.length() + " characters; explain takes at most " + MAX_CHARS);
        }
        Explainer explainer = Explainers.find(t).orElseThrow(() -> new ApiException(422,
                "no trace for " + t.name() + ": its algorithm runs in another engine"));
        ExplainTrace trace = explainer.explain(text);
        ObjectNode answer = TextApi.head(model, t).put("algorithm", trace.algorithm());
        if (trace instanceof BpeTrace bpe) {
            bpe(answer, bpe);
        } else if (trace instanceof UnigramTrace unigram) {
            unigram(answer, unigram);
        } else if (trace instanceof WordPieceTrace wordPiece) {
            wordPiece(answer, wordPiece);
        }
        Tokens.spans(answer, "tokens", text, trace.tokens());
        return answer.put("count", trace.tokens().size());
    }

    private static void bpe(ObjectNode answer, BpeTrace trace) {
        boolean score = trace.order() == BpeTrace.MergeOrder.HIGHEST_SCORE;
        answer.put("kind", "bpe").put("order", trace.order().label());
        ArrayNode pieces = answer.putArray("pieces");
        for (BpeTrace.Piece p : trace.pieces()) {
            ObjectNode piece = pieces.addObject().put("text", p.text()).put("start", p.charStart()).put("end", p.charEnd())
                    .put("taken_whole", p.takenWhole());
            ArrayNode symbols = piece.putArray("symbols");
            p.symbols().forEach(s -> symbols.add(visible(s.bytes())));
            ArrayNode merges = piece.putArray("merges");
            for (BpeTrace.Merge m : p.merges()) {
                ObjectNode merge = merges.addObject().put("step", m.step()).put("position", m.position())
                        .put("left", visible(m.left())).put("right", visible(m.right())).put("result", visible(m.result()))
                        .put("id", m.id());
                if (score) {
                    merge.put("score", m.priority());
                } else {
                    merge.put("rank", (long) m.priority());
                }
            }
            ArrayNode ids = piece.putArray("ids");
            p.tokens().forEach(s -> ids.add(s.id()));
        }
    }

    private static void unigram(ObjectNode answer, UnigramTrace trace) {
        answer.put("kind", "unigram").put("normalized", trace.normalized());
        segmentation(answer.putObject("best"), trace.best());
        ArrayNode alternatives = answer.putArray("alternatives");
        trace.alternatives().forEach(s -> segmentation(alternatives.addObject(), s));
    }

    private static void segmentation(ObjectNode into, UnigramTrace.Segmentation s) {
        ArrayNode pieces = into.putArray("pieces");
        for (UnigramTrace.Piece p : s.pieces()) {
            pieces.addObject().put("piece", p.text()).put("id", p.id()).put("score", p.score()).put("start", p.charStart())
                    .put("end", p.charEnd()).put("unknown", p.unknown());
        }
        into.put("log_probability", s.logProbability());
    }

    private static void wordPiece(ObjectNode answer, WordPieceTrace trace) {
        answer.put("kind", "wordpiece").put("normalized", trace.normalized()).put("prefix", trace.prefix());
        ArrayNode words = answer.putArray("words");
        for (WordPieceTrace.Word w : trace.words()) {
            ObjectNode word = words.addObject().put("text", w.text()).put("start", w.charStart()).put("end", w.charEnd())
                    .put("unknown", w.unknown().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            ArrayNode steps = word.putArray("steps");
            for (WordPieceTrace.Step step : w.steps()) {
                ObjectNode o = steps.addObject().put("position", step.position()).put("length", step.length());
                if (step.matched()) {
                    o.put("match", step.match()).put("id", step.id());
                } else {
                    o.putNull("match").putNull("id");
                }
            }
            ArrayNode ids = word.putArray("ids");
            List<TokenSpan> tokens = w.tokens();
            tokens.forEach(s -> ids.add(s.id()));
        }
    }

    /** Bytes as text; a part of a character as {@code <F0>}-style hex, as {@code tokenlab explain} prints it. */
    static String visible(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                if (b >= 0x20 && b < 0x7f) {
                    sb.append((char) b);
                } else {
                    sb.append(String.format(Locale.ROOT, "<%02X>", b & 0xff));
                }
            }
            return sb.toString();
        }
    }
}
