package dev.tokenlab.cli;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.ExplainTrace;
import dev.tokenlab.explain.Explainer;
import dev.tokenlab.explain.Explainers;
import dev.tokenlab.explain.Levels;
import dev.tokenlab.explain.PieceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code tokenlab explain}: how a model turns a word into tokens, merge by merge; with
 * {@code --levels}, a sentence at the word, token and character level.
 *
 * <pre>
 * $ tokenlab explain unhappiness -m llama3
 * llama3: byte-level BPE: start from the piece's bytes, merge the adjacent pair of lowest rank first
 * "unhappiness": 1 piece, 8 merges, 3 tokens
 *
 * piece 1: "unhappiness" (11 bytes)
 *   start: "u" "n" "h" "a" "p" "p" "i" "n" "e" "s" "s"
 *   1. "i"+"n" → "in" (rank 258)
 *   …
 *   8. "app"+"iness" → "appiness" (rank 67391)
 *   tokens: un|h|appiness (359 71 67391)
 *
 * 3 tokens: un|h|appiness
 * ids: 359 71 67391
 * </pre>
 */
@Command(name = "explain",
        description = {
                "Explain how a model turns a word into tokens, merge by merge.",
                "The pre-tokenizer's pieces, each piece's starting bytes, every merge in",
                "order with its rank, and the final tokens. --levels shows a sentence as",
                "words, tokens and characters instead."},
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "How byte-level BPE works (llama3, cl100k_base, o200k_base …): the",
                "pre-tokenizer cuts the text into pieces (words with their leading space,",
                "numbers, punctuation); each piece starts as its UTF-8 bytes; the adjacent",
                "pair whose joined bytes have the lowest rank in the vocabulary merges, again",
                "and again, until no pair is in the vocabulary. The parts left are the",
                "tokens and their ranks the ids. A piece that is itself in the vocabulary is",
                "taken whole, as tiktoken does; the final tokens are always encode's.",
                "Merge traces exist for the tiktoken-style tokenizers on the core engine;",
                "for other models (SentencePiece: llama2) explain says it is not available",
                "yet (exit 1). --levels works for every model.",
                "",
                "Levels: words are runs of letters, marks and digits separated by",
                "whitespace and punctuation; in scripts written without spaces (Han, kana,",
                "Thai, Lao, Khmer, Myanmar) each character is a word. Characters are",
                "Unicode code points, spaces and punctuation included.",
                "",
                "JSON (--format json), one line:",
                "  {\"model\":\"llama3\",\"tokenizer\":\"llama3\",\"engine\":\"core\",",
                "   \"algorithm\":\"byte-level BPE: ...\",\"order\":\"rank\",\"text\":\"unhappiness\",",
                "   \"pieces\":[{\"text\":\"unhappiness\",\"start\":0,\"end\":11,\"bytes\":\"756e...\",",
                "   \"symbols\":[\"u\",\"n\",...],\"merges\":[{\"step\":1,\"position\":6,",
                "   \"left\":\"i\",\"right\":\"n\",\"result\":\"in\",\"leftBytes\":\"69\",",
                "   \"rightBytes\":\"6e\",\"id\":258,\"rank\":258},...],\"takenWhole\":false,",
                "   \"tokens\":[{\"id\":359,\"text\":\"un\",\"visible\":\"un\",\"bytes\":\"756e\",",
                "   \"start\":0,\"end\":2},...]}],\"count\":3,\"ids\":[359,71,67391]}",
                "  --levels: {\"model\",\"tokenizer\",\"engine\",\"text\",",
                "   \"words\":{\"count\":4,\"items\":[\"I\",...]},\"tokens\":{\"count\":5,",
                "   \"items\":[{\"id\":40,\"text\":\"I\",\"visible\":\"I\"},...]},",
                "   \"characters\":{\"count\":24,\"items\":[\"I\",\" \",...]}}",
                "",
                "Examples:",
                "  tokenlab explain unhappiness -m llama3",
                "  tokenlab explain \" tokenization\" -m o200k_base --format json",
                "  tokenlab explain --levels \"I love machine learning!\"  # 4, 5, 24",
                "  tokenlab explain 😀 -m llama3                # an emoji's bytes merging"})
final class ExplainCommand extends TokenlabSubcommand {

    /** Output formats of {@code explain}. */
    enum Format { text, json }

    /**
     * The longest text a trace is printed for. The tracing merger is the plain O(n²) loop, fine for
     * words and sentences: a 20,000-byte single piece takes about a second.
     */
    static final int MAX_TRACE_CHARS = 20_000;

    @Mixin
    ModelOptions model;

    @Mixin
    InputOptions input;

    @Option(names = "--levels", description = "Show the text at word, token (subword) and character level.")
    boolean levels;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    protected int run() {
        Tokenizer t = model.open();
        String text = readInput(input).text();
        PieceView pieces = Explainers.pieces(t);
        if (levels) {
            Levels l = Levels.of(t, text);
            if (format == Format.json) {
                writeLevelsJson(t, l, pieces);
            } else {
                writeLevels(t, l, pieces);
            }
            return ExitCodes.OK;
        }
        if (text.length() > MAX_TRACE_CHARS) {
            throw CliException.usage("explain traces words and sentences: give at most " + MAX_TRACE_CHARS
                    + " characters, not " + text.length() + " (show and count take texts of any size)");
        }
        Explainer explainer = Explainers.find(t).orElseThrow(() -> CliException.error(
                "explain is not available for this model yet: " + t.name() + " on engine " + model.engine()
                        + " (merge traces exist for the tiktoken-style tokenizers on the core engine; --levels works for every model)"));
        ExplainTrace trace = explainer.explain(text);
        if (!(trace instanceof BpeTrace bpe)) {
            throw CliException.error("explain cannot print a " + trace.getClass().getSimpleName() + " yet");
        }
        if (format == Format.json) {
            writeJson(t, bpe, pieces);
        } else {
            writeText(bpe, pieces);
        }
        return ExitCodes.OK;
    }

    private static String quoted(byte[] bytes) {
        return "\"" + VisibleText.of(bytes) + "\"";
    }

    private static String bar(List<TokenSpan> tokens, PieceView pieces) {
        return TokenChips.cells(tokens, pieces).stream().map(TokenChips.Cell::text).collect(Collectors.joining("|"));
    }

    private static String ids(List<TokenSpan> tokens) {
        return tokens.stream().map(s -> Integer.toString(s.id())).collect(Collectors.joining(" "));
    }

    private void writeText(BpeTrace trace, PieceView pieces) {
        PrintWriter out = out();
        String label = trace.order().label();
        List<TokenSpan> tokens = trace.tokens();
        out.println(trace.tokenizer() + ": " + trace.algorithm());
        out.println("\"" + line(trace.text()) + "\": " + plural(trace.pieces().size(), "piece") + ", "
                + plural(trace.mergeCount(), "merge") + ", " + plural(tokens.size(), "token"));
        int number = 0;
        for (BpeTrace.Piece p : trace.pieces()) {
            out.println();
            out.println("piece " + (++number) + ": " + quoted(p.bytes()) + " (" + plural(p.bytes().length, "byte") + ")");
            out.println("  start: " + p.symbols().stream().map(s -> quoted(s.bytes())).collect(Collectors.joining(" ")));
            for (BpeTrace.Merge m : p.merges()) {
                out.println("  " + m.step() + ". " + quoted(m.left()) + "+" + quoted(m.right()) + " → " + quoted(m.result())
                        + " (" + label + " " + priority(trace, m) + ")");
            }
            if (p.merges().isEmpty() && p.symbols().size() > 1) {
                out.println("  no pair of these is in the vocabulary: no merges");
            }
            if (p.takenWhole()) {
                int id = p.tokens().get(0).id();
                boolean reached = p.merges().size() == p.symbols().size() - 1;
                out.println("  the whole piece is token " + id + ": encode takes it as it is"
                        + (p.symbols().size() == 1 ? "" : reached ? " (the merges reach it too)" : " (the merges alone would not reach it)"));
            }
            out.println("  tokens: " + bar(p.tokens(), pieces) + " (" + ids(p.tokens()) + ")");
        }
        out.println();
        out.println(plural(tokens.size(), "token") + (tokens.isEmpty() ? "" : ": " + bar(tokens, pieces)));
        out.println("ids: " + ids(tokens));
    }

    private static String priority(BpeTrace trace, BpeTrace.Merge m) {
        return trace.order() == BpeTrace.MergeOrder.LOWEST_RANK ? Integer.toString((int) m.priority())
                : JsonWriter.decimal(m.priority());
    }

    /** The text on one line: spaces as they are, line breaks and tabs visible. */
    private static String line(String text) {
        return text.replace("\r", "<0x0D>").replace("\n", "↵").replace("\t", "→");
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void writeJson(Tokenizer t, BpeTrace trace, PieceView pieces) {
        HexFormat hex = HexFormat.of();
        JsonWriter json = new JsonWriter(out()).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("engine").value(model.engine())
                .name("algorithm").value(trace.algorithm())
                .name("order").value(trace.order().label())
                .name("text").value(trace.text())
                .name("pieces").beginArray();
        for (BpeTrace.Piece p : trace.pieces()) {
            json.beginObject()
                    .name("text").value(p.text())
                    .name("start").value(p.charStart())
                    .name("end").value(p.charEnd())
                    .name("bytes").value(hex.formatHex(p.bytes()))
                    .name("symbols").beginArray();
            for (BpeTrace.Symbol s : p.symbols()) {
                json.value(VisibleText.of(s.bytes()));
            }
            json.endArray().name("merges").beginArray();
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
                if (trace.order() == BpeTrace.MergeOrder.LOWEST_RANK) {
                    json.name("rank").value((long) m.priority());
                } else {
                    json.name("score").value((Double) m.priority());
                }
                json.endObject();
            }
            json.endArray().name("takenWhole").value(p.takenWhole()).name("tokens");
            writeTokens(json, p.tokens(), pieces, true);
            json.endObject();
        }
        json.endArray().name("count").value(trace.tokens().size()).name("ids").beginArray();
        for (int id : trace.ids()) {
            json.value(id);
        }
        json.endArray().endObject();
        out().println();
    }

    private static void writeTokens(JsonWriter json, List<TokenSpan> tokens, PieceView pieces, boolean full) {
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

    private void writeLevels(Tokenizer t, Levels l, PieceView pieces) {
        PrintWriter out = out();
        out.println("\"" + line(l.text()) + "\" on " + model.model()
                + (model.model().equals(t.name()) ? "" : " (" + t.name() + ")"));
        String words = String.join("|", l.words());
        String chars = l.characters().stream().map(VisibleText::ofSpelling).collect(Collectors.joining("|"));
        int w = Math.max(Math.max(String.valueOf(l.words().size()).length(), String.valueOf(l.tokens().size()).length()),
                String.valueOf(l.characters().size()).length());
        out.println(String.format(Locale.ROOT, "words       %" + w + "d  %s", l.words().size(), words).stripTrailing());
        out.println(String.format(Locale.ROOT, "tokens      %" + w + "d  %s", l.tokens().size(), bar(l.tokens(), pieces)).stripTrailing());
        out.println(String.format(Locale.ROOT, "characters  %" + w + "d  %s", l.characters().size(), chars).stripTrailing());
    }

    private void writeLevelsJson(Tokenizer t, Levels l, PieceView pieces) {
        JsonWriter json = new JsonWriter(out()).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("engine").value(model.engine())
                .name("text").value(l.text())
                .name("words").beginObject().name("count").value(l.words().size()).name("items").beginArray();
        l.words().forEach(json::value);
        json.endArray().endObject().name("tokens").beginObject().name("count").value(l.tokens().size()).name("items");
        writeTokens(json, l.tokens(), pieces, false);
        json.endObject().name("characters").beginObject().name("count").value(l.characters().size()).name("items").beginArray();
        l.characters().forEach(json::value);
        json.endArray().endObject().endObject();
        out().println();
    }
}
