package dev.tokenlab.cli.render.compare;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.explain.PieceView;
import dev.tokenlab.explain.Words;

import java.util.List;

/**
 * What {@code tokenlab compare} measured: per input (a text, a file, each file of a directory) its
 * size in characters, bytes and words, and per model its tokens and the pieces that stand for
 * nothing of the vocabulary (byte fallback, unknown). The writers ({@link CompareFormats},
 * {@link CompareHtml}) only format this.
 *
 * @param models  the models compared, in the order given; the first is the baseline
 * @param engine  the engine that ran them
 * @param rows    one per input, in output order
 * @param total   the sums over all rows ({@code kind} {@code total})
 * @param skipped models that could not be opened here
 * @param sample  a short text and its tokens per model, for the HTML report's token views
 */
public record CompareReport(List<Model> models, String engine, List<Row> rows, Row total,
                            List<Skipped> skipped, Sample sample) {

    /** A model compared: the name as given and its tokenizer. */
    public record Model(String model, Tokenizer tokenizer) {
    }

    /** A model that could not be opened here, and why. */
    public record Skipped(String model, String reason) {
    }

    /** The word rule, as the help, the CSV/JSON documentation and the HTML report state it. */
    static final String WORD_RULE = "words are runs of letters, marks and digits separated by whitespace or punctuation;"
            + " in scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) each character"
            + " (with its combining marks) counts as one word";

    /** One model's count on one input. */
    public record Result(int tokens, int byteFallback, int unknown) {
        public Result plus(Result o) {
            return new Result(tokens + o.tokens, byteFallback + o.byteFallback, unknown + o.unknown);
        }
    }

    /**
     * One input.
     *
     * @param kind         {@code text}, {@code file}, {@code chat} or {@code total}
     * @param source       {@code TEXT}, the file name (relative to its directory), or {@code TOTAL}
     * @param language     a language tag from the directory's {@code INDEX.tsv}, or empty
     * @param languageName the language's name from {@code INDEX.tsv}, or empty
     * @param characters   Unicode code points
     * @param bytes        UTF-8 bytes
     * @param words        words by {@link Words}
     * @param results      one per model, in the models' order
     */
    public record Row(String kind, String source, String language, String languageName, long characters, long bytes,
               Words.Count words, List<Result> results) {

        /** Tokens of model {@code i}. */
        public int tokens(int i) {
            return results.get(i).tokens();
        }

        /** Tokens of model {@code i} over tokens of the first model, or null when the first has none. */
        public Double relative(int i) {
            return CompareReport.divide(tokens(i), tokens(0));
        }

        /** The sort key of a directory: tokens of the second model over the first. */
        public Double ratio() {
            return results.size() < 2 ? null : relative(1);
        }

        public Double charsPerToken(int i) {
            return CompareReport.divide(characters, tokens(i));
        }

        public Double bytesPerToken(int i) {
            return CompareReport.divide(bytes, tokens(i));
        }

        public Double wordsPerToken(int i) {
            return CompareReport.divide(words.words(), tokens(i));
        }

        /** Fertility in its usual sense: tokens per word. */
        public Double tokensPerWord(int i) {
            return CompareReport.divide(tokens(i), words.words());
        }

        /** A label for charts: the language name, else the source. */
        public String label() {
            return languageName.isEmpty() ? source : languageName;
        }
    }

    /** A short text shown token by token in the HTML report. */
    public record Sample(String source, String text, List<List<TokenSpan>> tokens, List<PieceView> pieces) {
    }

    public static Double divide(double a, double b) {
        return b == 0 ? null : a / b;
    }
}
