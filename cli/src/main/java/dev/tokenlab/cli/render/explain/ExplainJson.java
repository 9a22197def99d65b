package dev.tokenlab.cli.render.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.TokenChips;
import dev.tokenlab.cli.render.VisibleText;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.Fallback;
import dev.tokenlab.explain.Levels;
import dev.tokenlab.explain.PieceSource;
import dev.tokenlab.explain.PieceView;
import dev.tokenlab.explain.UnigramTrace;
import dev.tokenlab.explain.WordPieceTrace;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code explain --format json}: one line per trace, in the shape the JSON Schema
 * {@code dev/tokenlab/cli/schema/explain.schema.json} describes ({@code tokenlab schema explain} prints
 * it; a test validates real output against it). Every object starts with the model as given, the
 * tokenizer it resolved to and the engine.
 */
public final class ExplainJson {
    private final PrintWriter out;
    private final String model;
    private final String tokenizer;
    private final String engine;

    /**
     * @param out       where the line goes
     * @param model     the {@code -m} value (a name lower-cased, or the file as given)
     * @param tokenizer the tokenizer's name
     * @param engine    the engine that ran it
     */
    public ExplainJson(PrintWriter out, String model, String tokenizer, String engine) {
        this.out = out;
        this.model = model;
        this.tokenizer = tokenizer;
        this.engine = engine;
    }

    /**
     * A BPE trace: byte-level ({@code "order":"rank"}), SentencePiece ({@code "order":"score"}) or a
     * Hugging Face tokenizer.json's ({@code "order":"merge rank"}).
     */
    public void bpe(BpeTrace trace, PieceView pieces) {
        HexFormat hex = HexFormat.of();
        boolean mergeRank = trace.order() == BpeTrace.MergeOrder.MERGE_RANK;
        boolean sentencePiece = trace.order() == BpeTrace.MergeOrder.HIGHEST_SCORE || mergeRank;
        JsonOutput json = new JsonOutput(out).beginObject()
                .name("model").value(model)
                .name("tokenizer").value(tokenizer)
                .name("engine").value(engine)
                .name("algorithm").value(trace.algorithm())
                .name("order").value(trace.order().label())
                .name("text").value(trace.text());
        if (sentencePiece) {
            json.name("normalized").value(trace.normalized());
        }
        json.name("pieces").beginArray();
        for (BpeTrace.Piece p : trace.pieces()) {
            json.beginObject()
                    .name("text").value(p.text())
                    .name("start").value(p.charStart())
                    .name("end").value(p.charEnd())
                    .name("bytes").value(hex.formatHex(p.bytes()));
            if (sentencePiece) {
                json.name("normalized").value(new String(p.bytes(), StandardCharsets.UTF_8));
            }
            if (mergeRank) {
                json.name("source").value(source(p.source()));
            }
            json.name("symbols").beginArray();
            for (BpeTrace.Symbol s : p.symbols()) {
                json.value(VisibleText.of(s.bytes()));
            }
            json.endArray();
            if (sentencePiece) {
                json.name("symbolIds").beginArray();
                p.symbols().forEach(s -> json.value(s.id()));
                json.endArray();
            }
            if (sentencePiece && !mergeRank) {
                json.name("userDefined").beginArray();
                for (int k = 0; k < p.symbols().size(); k++) {
                    if (p.symbols().get(k).userDefined()) {
                        json.value(k);
                    }
                }
                json.endArray();
            }
            json.name("merges").beginArray();
            for (BpeTrace.Merge m : p.merges()) {
                json.beginObject()
                        .name("step").value(m.step())
                        .name("position").value(m.position())
                        .name("left").value(VisibleText.of(m.left()))
                        .name("right").value(VisibleText.of(m.right()))
                        .name("result").value(VisibleText.of(m.result()))
                        .name("leftBytes").value(hex.formatHex(m.left()))
                        .name("rightBytes").value(hex.formatHex(m.right()))
                        .name("id").value(m.id());
                if (sentencePiece && !mergeRank) {
                    json.name("score").exact(m.priority());
                } else {
                    json.name("rank").value((long) m.priority());
                }
                json.endObject();
            }
            json.endArray();
            if (sentencePiece) {
                writeFallbacks(json, p.fallbacks(), pieces);
            }
            json.name("takenWhole").value(p.takenWhole()).name("tokens");
            writeTokens(json, p.tokens(), pieces, true);
            json.endObject();
        }
        json.endArray().name("count").value(trace.tokens().size()).name("ids").beginArray();
        for (int id : trace.ids()) {
            json.value(id);
        }
        json.endArray().endObject();
        out.println();
    }

    /** A piece's source as the schema spells it: {@code model}, {@code added token}, {@code post-processor}. */
    private static String source(PieceSource source) {
        return source.name().toLowerCase(Locale.ROOT).replace("_token", " token").replace('_', '-');
    }

    /** A WordPiece trace: per word its greedy steps, or why it is the unknown token, and its tokens. */
    public void wordPiece(WordPieceTrace trace, PieceView pieces) {
        JsonOutput json = new JsonOutput(out).beginObject()
                .name("model").value(model)
                .name("tokenizer").value(tokenizer)
                .name("engine").value(engine)
                .name("algorithm").value(trace.algorithm())
                .name("text").value(trace.text())
                .name("normalized").value(trace.normalized())
                .name("prefix").value(trace.prefix())
                .name("maxInputCharsPerWord").value(trace.maxInputCharsPerWord())
                .name("words").beginArray();
        for (WordPieceTrace.Word w : trace.words()) {
            json.beginObject()
                    .name("text").value(w.text())
                    .name("start").value(w.charStart())
                    .name("end").value(w.charEnd())
                    .name("word").value(w.word())
                    .name("source").value(source(w.source()))
                    .name("steps").beginArray();
            for (WordPieceTrace.Step step : w.steps()) {
                json.beginObject()
                        .name("position").value(step.position())
                        .name("length").value(step.length())
                        .name("match").value(step.match())
                        .name("id").value(step.matched() ? Integer.valueOf(step.id()) : null)
                        .name("longerTried").value(step.longerTried())
                        .endObject();
            }
            json.endArray().name("unknown").value(w.unknown().name().toLowerCase(Locale.ROOT).replace('_', ' ')).name("tokens");
            writeTokens(json, w.tokens(), pieces, true);
            json.endObject();
        }
        json.endArray().name("count").value(trace.tokens().size()).name("ids").beginArray();
        for (int id : trace.ids()) {
            json.value(id);
        }
        json.endArray().endObject();
        out.println();
    }

    private static void writeFallbacks(JsonOutput json, List<Fallback> fallbacks, PieceView pieces) {
        json.name("fallbacks").beginArray();
        for (Fallback f : fallbacks) {
            json.beginObject()
                    .name("position").value(f.position())
                    .name("text").value(f.text())
                    .name("bytes").value(HexFormat.of().formatHex(f.bytes()))
                    .name("id").value(f.id())
                    .name("kind").value(f.kind().name().toLowerCase(Locale.ROOT))
                    .name("tokens");
            writeTokens(json, f.tokens(), pieces, true);
            json.endObject();
        }
        json.endArray();
    }

    /** A Unigram trace: the best segmentation, the alternatives, the fallbacks and the tokens. */
    public void unigram(UnigramTrace trace, PieceView pieces) {
        JsonOutput json = new JsonOutput(out).beginObject()
                .name("model").value(model)
                .name("tokenizer").value(tokenizer)
                .name("engine").value(engine)
                .name("algorithm").value(trace.algorithm())
                .name("text").value(trace.text())
                .name("normalized").value(trace.normalized())
                .name("best");
        writeSegmentation(json, trace.best());
        json.name("alternatives").beginArray();
        trace.alternatives().forEach(s -> writeSegmentation(json, s));
        json.endArray();
        writeFallbacks(json, trace.fallbacks(), pieces);
        json.name("tokens");
        writeTokens(json, trace.tokens(), pieces, true);
        json.name("count").value(trace.tokens().size()).name("ids").beginArray();
        for (int id : trace.ids()) {
            json.value(id);
        }
        json.endArray().endObject();
        out.println();
    }

    private static void writeSegmentation(JsonOutput json, UnigramTrace.Segmentation s) {
        json.beginObject().name("pieces").beginArray();
        for (UnigramTrace.Piece p : s.pieces()) {
            json.beginObject()
                    .name("piece").value(p.text())
                    .name("id").value(p.id())
                    .name("score").exact(p.score())
                    .name("start").value(p.charStart())
                    .name("end").value(p.charEnd())
                    .name("unknown").value(p.unknown());
            if (p.source() != PieceSource.MODEL) {
                json.name("source").value(source(p.source()));
            }
            json.endObject();
        }
        json.endArray().name("logProbability").exact(s.logProbability()).endObject();
    }

    private static void writeTokens(JsonOutput json, List<TokenSpan> tokens, PieceView pieces, boolean full) {
        HexFormat hex = HexFormat.of();
        List<TokenChips.Cell> cells = TokenChips.cells(tokens, pieces);
        json.beginArray();
        for (int k = 0; k < tokens.size(); k++) {
            TokenSpan s = tokens.get(k);
            json.beginObject().name("id").value(s.id()).name("text").value(s.text()).name("visible").value(cells.get(k).text());
            if (full) {
                json.name("bytes").value(hex.formatHex(s.bytes())).name("start").value(s.charStart()).name("end").value(s.charEnd());
            }
            json.endObject();
        }
        json.endArray();
    }

    /** {@code --levels}: words, tokens and characters with their counts. */
    public void levels(Levels l, PieceView pieces) {
        JsonOutput json = new JsonOutput(out).beginObject()
                .name("model").value(model)
                .name("tokenizer").value(tokenizer)
                .name("engine").value(engine)
                .name("text").value(l.text())
                .name("words").beginObject().name("count").value(l.words().size()).name("items").beginArray();
        l.words().forEach(json::value);
        json.endArray().endObject().name("tokens").beginObject().name("count").value(l.tokens().size()).name("items");
        writeTokens(json, l.tokens(), pieces, false);
        json.endObject().name("characters").beginObject().name("count").value(l.characters().size()).name("items").beginArray();
        l.characters().forEach(json::value);
        json.endArray().endObject().endObject();
        out.println();
    }
}
