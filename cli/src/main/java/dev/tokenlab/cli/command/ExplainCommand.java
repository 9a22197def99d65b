package dev.tokenlab.cli.command;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.options.InputOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.render.DisplayWidth;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Numbers;
import dev.tokenlab.cli.render.TokenChips;
import dev.tokenlab.cli.render.VisibleText;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.ExplainTrace;
import dev.tokenlab.explain.Explainer;
import dev.tokenlab.explain.Explainers;
import dev.tokenlab.explain.Fallback;
import dev.tokenlab.explain.Levels;
import dev.tokenlab.explain.PieceView;
import dev.tokenlab.explain.UnigramTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code tokenlab explain}: how a model turns a word into tokens, merge by merge (BPE) or as the best
 * of all segmentations (Unigram); with {@code --levels}, a sentence at the word, token and character
 * level.
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
 *
 * $ tokenlab explain unhappiness -m llama2
 * …
 * word 1: "▁unhappiness" (12 characters)
 *   start: "▁" "u" "n" "h" "a" "p" "p" "i" "n" "e" "s" "s"
 *   1. "i" + "n"    → "in"    (score -3.0, id 262)
 *   …
 *   9. "▁un" + "h"  → "▁unh"  (score -28600.0, id 28859)
 *   tokens: ▁unh|app|iness (28859 932 3335)
 *
 * $ tokenlab explain unhappiness -m test_model.model
 * …
 * best: ▁un|ha|p|p|i|ness    log p = -38.48
 *       piece   id  score
 *       ▁un    210  -7.13
 *       …
 * 2nd:  ▁un|h|a|p|p|i|ness   log p = -41.05  (-2.57 vs best)
 * </pre>
 */
@Command(name = "explain",
        description = {
                "Explain how a model turns a word into tokens: merge by merge (BPE), or the best of all"
                        + " segmentations and the next best (Unigram).",
                "Shows the pieces, their starting symbols, every merge with its rank or score, and the final"
                        + " tokens. --levels shows a sentence as words, tokens and characters instead."},
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
                "",
                "SentencePiece BPE (llama2, BPE .model files): the text is normalized",
                "(spaces become ▁, most models put one in front) and cut into words before",
                "each ▁; each word starts as its characters, and the adjacent pair whose",
                "joined text is the piece of highest score merges first. A character no",
                "piece covers becomes its <0xNN> byte pieces (byte fallback) or <unk>.",
                "",
                "SentencePiece Unigram (.model files such as sentencepiece's test_model):",
                "no merges; of every way to cut the normalized text into pieces, the one",
                "whose scores (log probabilities) sum highest is chosen. explain lists it",
                "with each piece's id and score, then the next best (--nbest N).",
                "",
                "Traces exist for every model the core engine runs; the adapters (--engine",
                "jtokkit, sentencepiece) have none (exit 1). --levels works for all.",
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
                "  SentencePiece BPE: \"order\":\"score\", merges have \"score\" for \"rank\";",
                "   adds \"normalized\" (trace and piece), \"symbolIds\", \"userDefined\" and",
                "   \"fallbacks\":[{\"position\",\"text\",\"bytes\",\"id\",\"kind\",\"tokens\"}].",
                "  Unigram: {\"model\",\"tokenizer\",\"engine\",\"algorithm\",\"text\",",
                "   \"normalized\",\"best\":{\"pieces\":[{\"piece\",\"id\",\"score\",\"start\",",
                "   \"end\",\"unknown\"},...],\"logProbability\"},\"alternatives\":[...],",
                "   \"fallbacks\",\"tokens\",\"count\",\"ids\"}",
                "  --levels: {\"model\",\"tokenizer\",\"engine\",\"text\",",
                "   \"words\":{\"count\":4,\"items\":[\"I\",...]},\"tokens\":{\"count\":5,",
                "   \"items\":[{\"id\":40,\"text\":\"I\",\"visible\":\"I\"},...]},",
                "   \"characters\":{\"count\":24,\"items\":[\"I\",\" \",...]}}",
                "",
                "Examples:",
                "  tokenlab explain unhappiness -m llama3",
                "  tokenlab explain unhappiness -m llama2        # merges by piece score",
                "  tokenlab explain unhappiness -m test_model.model --nbest 3",
                "  tokenlab explain \" tokenization\" -m o200k_base --format json",
                "  tokenlab explain --levels \"I love machine learning!\"  # 4, 5, 24",
                "  tokenlab explain 😀 -m llama3                # an emoji's bytes merging"})
public final class ExplainCommand extends TokenlabSubcommand {

    /** Output formats of {@code explain}. */
    enum Format { text, json }

    /**
     * The longest text a trace is printed for. The tracing mergers are the plain O(n²) loop, fine for
     * words and sentences: a 20,000-byte single piece takes about a second.
     */
    static final int MAX_TRACE_CHARS = 20_000;

    /** The most segmentations {@code --nbest} lists: a k-best search keeps that many paths per position. */
    static final int MAX_SEGMENTATIONS = 100;

    @Mixin
    ModelOptions model;

    @Mixin
    InputOptions input;

    @Option(names = "--levels", description = "Show the text at word, token (subword) and character level.")
    boolean levels;

    @Option(names = "--nbest", paramLabel = "N",
            description = "Unigram models: list the N best segmentations, the chosen one included (default: "
                    + Explainers.DEFAULT_SEGMENTATIONS + ", at most " + MAX_SEGMENTATIONS + ").")
    Integer segmentations;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    protected int run() {
        if (segmentations != null && (segmentations < 1 || segmentations > MAX_SEGMENTATIONS)) {
            throw CliException.usage("--nbest must be 1 to " + MAX_SEGMENTATIONS + ": " + segmentations);
        }
        if (segmentations != null && levels) {
            throw CliException.usage("--nbest is for Unigram traces, not --levels");
        }
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
        int n = segmentations == null ? Explainers.DEFAULT_SEGMENTATIONS : segmentations;
        Explainer explainer = Explainers.find(t, n).orElseThrow(() -> CliException.error(
                "explain has no trace for " + t.name() + " on engine " + model.engine()
                        + " (traces exist for the models the core engine runs; --levels works for every model)"));
        ExplainTrace trace = explainer.explain(text);
        if (segmentations != null && !(trace instanceof UnigramTrace)) {
            throw CliException.usage("--nbest is for Unigram models; " + t.name() + " is BPE, whose trace has one path");
        }
        if (trace instanceof UnigramTrace unigram) {
            if (format == Format.json) {
                writeUnigramJson(t, unigram, pieces);
            } else {
                writeUnigramText(unigram, pieces, n);
            }
        } else if (trace instanceof BpeTrace bpe) {
            if (format == Format.json) {
                writeJson(t, bpe, pieces);
            } else if (bpe.order() == BpeTrace.MergeOrder.HIGHEST_SCORE) {
                writeSentencePieceText(bpe, pieces);
            } else {
                writeText(bpe, pieces);
            }
        } else {
            throw CliException.error("explain cannot print a " + trace.getClass().getSimpleName());
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
                        + " (" + label + " " + (int) m.priority() + ")");
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

    /**
     * SentencePiece BPE: the normalized text, then per word its characters, the merges in columns
     * ({@code 1. "i" + "n" → "in" (score -3.0, id 262)}), the fallbacks and the tokens.
     */
    private void writeSentencePieceText(BpeTrace trace, PieceView pieces) {
        PrintWriter out = out();
        List<TokenSpan> tokens = trace.tokens();
        out.println(trace.tokenizer() + ": " + trace.algorithm());
        out.println("\"" + line(trace.text()) + "\": " + plural(trace.pieces().size(), "word") + ", "
                + plural(trace.mergeCount(), "merge") + ", " + plural(tokens.size(), "token"));
        out.println("normalized: \"" + VisibleText.ofSpelling(trace.normalized()) + "\"");
        int number = 0;
        for (BpeTrace.Piece p : trace.pieces()) {
            out.println();
            String word = new String(p.bytes(), StandardCharsets.UTF_8);
            out.println("word " + (++number) + ": " + quoted(p.bytes()) + " ("
                    + plural(word.codePointCount(0, word.length()), "character") + ")");
            out.println("  start: " + p.symbols().stream().map(s -> quoted(s.bytes())).collect(Collectors.joining(" ")));
            List<String> userDefined = p.symbols().stream().filter(BpeTrace.Symbol::userDefined).map(s -> quoted(s.bytes())).toList();
            if (!userDefined.isEmpty()) {
                out.println("  user-defined, matched first and never merged: " + String.join(" ", userDefined));
            }
            List<BpeTrace.Merge> merges = p.merges();
            int stepWidth = String.valueOf(merges.size()).length();
            int pairWidth = 0;
            int resultWidth = 0;
            for (BpeTrace.Merge m : merges) {
                pairWidth = Math.max(pairWidth, DisplayWidth.of(pair(m)));
                resultWidth = Math.max(resultWidth, DisplayWidth.of(quoted(m.result())));
            }
            for (BpeTrace.Merge m : merges) {
                out.println("  " + pad(m.step() + ".", stepWidth + 1, true) + " " + pad(pair(m), pairWidth, false) + " → "
                        + pad(quoted(m.result()), resultWidth, false) + " (score " + score(m.priority()) + ", id " + m.id() + ")");
            }
            if (merges.isEmpty() && p.symbols().size() > 1) {
                out.println("  no pair of these is a piece: no merges");
            }
            for (Fallback f : p.fallbacks()) {
                out.println("  " + fallback(f, pieces));
            }
            out.println("  tokens: " + bar(p.tokens(), pieces) + " (" + ids(p.tokens()) + ")");
        }
        out.println();
        out.println(plural(tokens.size(), "token") + (tokens.isEmpty() ? "" : ": " + bar(tokens, pieces)));
        out.println("ids: " + ids(tokens));
    }

    private static String pair(BpeTrace.Merge m) {
        return quoted(m.left()) + " + " + quoted(m.right());
    }

    /** {@code s} padded with spaces to {@code width} display columns, on the left ({@code right}-aligned) or the right. */
    private static String pad(String s, int width, boolean alignRight) {
        String spaces = " ".repeat(Math.max(0, width - DisplayWidth.of(s)));
        return alignRight ? spaces + s : s + spaces;
    }

    /** A BPE piece score as the model stores it: {@code -3.0}, {@code -1000000000.0}, {@code -7.1302285}. */
    static String score(double score) {
        return Numbers.exact(score);
    }

    /** One line on what encode does with a part no piece covers. */
    private static String fallback(Fallback f, PieceView pieces) {
        String what = "\"" + VisibleText.ofSpelling(f.text()) + "\"";
        return switch (f.kind()) {
            case BYTES -> what + " is no piece: byte fallback → " + spellings(f.tokens(), pieces) + " (" + ids(f.tokens()) + ")";
            case UNKNOWN -> what + " is no piece: " + (f.tokens().isEmpty() ? "part of the unknown token before it"
                    : "unknown → " + spellings(f.tokens(), pieces) + " (" + ids(f.tokens()) + ")");
            case UNUSED -> what + " is piece " + f.id() + ", marked UNUSED: split back → " + bar(f.tokens(), pieces)
                    + " (" + ids(f.tokens()) + ")";
        };
    }

    private static String spellings(List<TokenSpan> tokens, PieceView pieces) {
        return TokenChips.cells(tokens, pieces).stream().map(TokenChips.Cell::text).collect(Collectors.joining(" "));
    }

    /**
     * Unigram: the normalized text, the chosen segmentation with its pieces' ids and scores, the next
     * best with their log probabilities, the unknown characters, and the tokens.
     */
    private void writeUnigramText(UnigramTrace trace, PieceView pieces, int asked) {
        PrintWriter out = out();
        List<TokenSpan> tokens = trace.tokens();
        List<UnigramTrace.Segmentation> all = trace.segmentations();
        out.println(trace.tokenizer() + ": " + trace.algorithm());
        out.println("\"" + line(trace.text()) + "\": " + plural(tokens.size(), "token") + ", "
                + plural(all.size(), "segmentation") + " shown" + (all.size() < asked ? " (all there are)" : ""));
        out.println("normalized: \"" + VisibleText.ofSpelling(trace.normalized()) + "\"");
        out.println();
        List<String> bars = all.stream().map(s -> s.pieces().isEmpty() ? "(nothing)"
                : s.pieces().stream().map(p -> VisibleText.ofSpelling(p.text())).collect(Collectors.joining("|"))).toList();
        int labelWidth = 0;
        int barWidth = 0;
        for (int k = 0; k < all.size(); k++) {
            labelWidth = Math.max(labelWidth, label(k).length());
            barWidth = Math.max(barWidth, DisplayWidth.of(bars.get(k)));
        }
        double best = trace.best().logProbability();
        for (int k = 0; k < all.size(); k++) {
            double logP = all.get(k).logProbability();
            out.println((pad(label(k), labelWidth, false) + " " + pad(bars.get(k), barWidth, false) + "  log p = " + twoPlaces(logP)
                    + (k == 0 ? "" : "  (" + twoPlaces(logP - best) + " vs best)")).stripTrailing());
            if (k == 0 && !trace.best().pieces().isEmpty()) {
                writePieceTable(trace.best(), labelWidth + 1);
            }
        }
        if (!trace.fallbacks().isEmpty()) {
            out.println();
            for (Fallback f : trace.fallbacks()) {
                out.println(fallback(f, pieces));
            }
        }
        out.println();
        out.println(plural(tokens.size(), "token") + (tokens.isEmpty() ? "" : ": " + bar(tokens, pieces)));
        out.println("ids: " + ids(tokens));
    }

    /** The pieces of a segmentation in columns: piece, id, score. */
    private void writePieceTable(UnigramTrace.Segmentation s, int indent) {
        List<String> texts = s.pieces().stream().map(p -> VisibleText.ofSpelling(p.text())).toList();
        int pieceWidth = "piece".length();
        int idWidth = "id".length();
        int scoreWidth = "score".length();
        for (int k = 0; k < texts.size(); k++) {
            pieceWidth = Math.max(pieceWidth, DisplayWidth.of(texts.get(k)));
            idWidth = Math.max(idWidth, String.valueOf(s.pieces().get(k).id()).length());
            scoreWidth = Math.max(scoreWidth, twoPlaces(s.pieces().get(k).score()).length());
        }
        String margin = " ".repeat(indent);
        PrintWriter out = out();
        out.println(margin + pad("piece", pieceWidth, false) + "  " + pad("id", idWidth, true) + "  " + pad("score", scoreWidth, true));
        for (int k = 0; k < texts.size(); k++) {
            UnigramTrace.Piece p = s.pieces().get(k);
            out.println((margin + pad(texts.get(k), pieceWidth, false) + "  " + pad(String.valueOf(p.id()), idWidth, true) + "  "
                    + pad(twoPlaces(p.score()), scoreWidth, true) + (p.unknown() ? "  unknown: no piece" : "")).stripTrailing());
        }
    }

    /** {@code best:}, then {@code 2nd:}, {@code 3rd:}, {@code 4th:} … */
    private static String label(int k) {
        if (k == 0) {
            return "best:";
        }
        int n = k + 1;
        String suffix = n % 100 / 10 == 1 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix + ":";
    }

    private static String twoPlaces(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
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
        boolean sentencePiece = trace.order() == BpeTrace.MergeOrder.HIGHEST_SCORE;
        JsonOutput json = new JsonOutput(out()).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("engine").value(model.engine())
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
            json.name("symbols").beginArray();
            for (BpeTrace.Symbol s : p.symbols()) {
                json.value(VisibleText.of(s.bytes()));
            }
            json.endArray();
            if (sentencePiece) {
                json.name("symbolIds").beginArray();
                p.symbols().forEach(s -> json.value(s.id()));
                json.endArray().name("userDefined").beginArray();
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
                if (sentencePiece) {
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
        out().println();
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

    private void writeUnigramJson(Tokenizer t, UnigramTrace trace, PieceView pieces) {
        JsonOutput json = new JsonOutput(out()).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("engine").value(model.engine())
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
        out().println();
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
                    .name("unknown").value(p.unknown())
                    .endObject();
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
        JsonOutput json = new JsonOutput(out()).beginObject()
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
