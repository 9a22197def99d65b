package dev.tokenlab.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link CorpusJob}, checked: every problem is one {@link IllegalArgumentException}
 * whose message says which option and why.
 *
 * @param input        the files or folder to read
 * @param format       {@code text} (one document per file), {@code parquet} or {@code json}
 * @param column       the text column of a parquet or json input
 * @param id           the column that names a document of a parquet or json input (null: the row's file and position)
 * @param glob         which files of a text input are documents, by name
 * @param models       the models to count with; the first is the baseline of the ratios
 * @param output       the folder the two tables are written to ({@code documents/}, {@code summary/})
 * @param outputFormat {@code parquet}, {@code csv} (with a header) or {@code json}
 * @param context      a context window in tokens: documents over it are counted per model (null: not counted)
 */
public record JobOptions(String input, String format, String column, String id, String glob, List<String> models,
                  String output, String outputFormat, Integer context) {

    /** The usage line the job prints with a command-line error. */
    public static final String USAGE = "usage: CorpusJob --input PATH --format text|parquet|json [--column text] [--id COLUMN]"
            + " [--glob '*.txt'] --models llama3,llama2 --output PATH [--output-format parquet|csv|json] [--context N]";

    /**
     * The options of a command line.
     *
     * @throws IllegalArgumentException naming the option and the problem ({@code --output is required})
     */
    public static JobOptions parse(String... args) {
        String input = null;
        String format = null;
        String column = "text";
        String id = null;
        String glob = "*.txt";
        List<String> models = null;
        String output = null;
        String outputFormat = "parquet";
        Integer context = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + option + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--input" -> input = value;
                case "--format" -> format = oneOf(option, value, "text", "parquet", "json");
                case "--column" -> column = value;
                case "--id" -> id = value;
                case "--glob" -> glob = value;
                case "--models" -> models = models(value);
                case "--output" -> output = value;
                case "--output-format" -> outputFormat = oneOf(option, value, "parquet", "csv", "json");
                case "--context" -> context = positive(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        require("--input", input);
        require("--format", format);
        require("--models", models);
        require("--output", output);
        return new JobOptions(input, format, column, id, glob, models, output, outputFormat, context);
    }

    private static void require(String option, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required");
        }
    }

    private static String oneOf(String option, String value, String... allowed) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(v)) {
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
        }
        return v;
    }

    private static List<String> models(String value) {
        List<String> models = new ArrayList<>();
        for (String m : value.split(",")) {
            if (!m.isBlank() && !models.contains(m.trim())) {
                models.add(m.trim());
            }
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("--models needs at least one model: --models llama3,llama2");
        }
        List<String> suffixes = models.stream().map(CorpusJob::suffix).toList();
        if (suffixes.stream().distinct().count() < suffixes.size()) {
            throw new IllegalArgumentException("--models: two models would name the same columns " + suffixes
                    + " (give model files different names)");
        }
        return models;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException(option + " must be a positive whole number, not '" + value + "'");
    }
}
