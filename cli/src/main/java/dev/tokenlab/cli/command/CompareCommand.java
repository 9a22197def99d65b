package dev.tokenlab.cli.command;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.chat.ChatChoice;
import dev.tokenlab.cli.chat.ChatPromptTokens;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.ChatInput;
import dev.tokenlab.cli.input.TextInput;
import dev.tokenlab.cli.options.ChatOptions;
import dev.tokenlab.cli.options.ModelList;
import dev.tokenlab.cli.render.compare.CompareFormats;
import dev.tokenlab.cli.render.compare.CompareHtml;
import dev.tokenlab.cli.render.compare.CompareReport;
import dev.tokenlab.explain.Explainers;
import dev.tokenlab.explain.PieceKind;
import dev.tokenlab.explain.PieceView;
import dev.tokenlab.explain.Words;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code tokenlab compare}: how many tokens several models need for the same text, per file of a
 * corpus, with characters, bytes and words per token.
 *
 * <pre>
 * $ tokenlab compare "I love machine learning!" -m llama3,cl100k_base
 * $ tokenlab compare ../shared/corpus/udhr -m llama3,cl100k_base --format html -o report.html
 * </pre>
 */
@Command(name = "compare",
        description = {
                "Compare the token counts of several models on the same text.",
                "Per input: tokens, characters/token, bytes/token, words/token, tokens/word",
                "(fertility), byte-fallback and unknown pieces, size relative to the first",
                "model. A directory gives one row per file, sorted by tokens(model 2) /",
                "tokens(model 1), and a total row."},
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Inputs: an INPUT that names an existing directory stands for every file in",
                "it (recursively) whose name matches --glob; an existing file for itself;",
                "anything else is the text itself. Files are strict UTF-8. No INPUT and no",
                "--file: standard input. A directory's INDEX.tsv (columns file, lang, name,",
                "as in the UDHR corpus) labels its rows with languages.",
                "",
                "Words: runs of letters, marks and digits separated by whitespace or",
                "punctuation (\"don't\" is 2 words). Scripts written without spaces (Han,",
                "Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) show no word boundaries, so",
                "each of their characters (with its marks) counts as one word; the table",
                "marks such rows with *, JSON and CSV give spacelessCharacters. Characters",
                "are Unicode code points, bytes UTF-8. Fertility is tokens per word;",
                "words/token is its inverse. byte-fallback: SentencePiece <0xNN> pieces;",
                "unknown: <unk> pieces; both are 0 for byte-level BPE (llama3, cl100k_base).",
                "Models Tokenlab knows but cannot open here (llama2 until it is bundled) are",
                "skipped with a note on stderr.",
                "",
                "A chat (--chat FILE): one row, each model's prompt for the chat as tokenlab",
                "chat --format ids makes it (the model's own Jinja template, else its",
                "built-in format); characters, bytes and words are those of the messages'",
                "text, so the per-token figures include each format's overhead.",
                "",
                "Formats:",
                "  table  aligned text: per model for one input; per input plus a TOTAL row",
                "         and the totals per model for several.",
                "  csv    RFC 4180 (CRLF, quoted fields), one row per input and model, then",
                "         the total rows; the columns:",
                "         kind,input,language,language_name,model,tokenizer,tokens,",
                "         characters,bytes,words,spaceless_characters,chars_per_token,",
                "         bytes_per_token,words_per_token,tokens_per_word,byte_fallback,",
                "         unknown,relative_to_first",
                "         kind: text, file or total; an empty number is undefined.",
                "  json   one line, the same figures per input and model; decimals",
                "         rounded to 4 places, null when undefined; its JSON Schema:",
                "         tokenlab schema compare.",
                "  html   one self-contained page (no network): totals, the tokens of a",
                "         sample text per model as coloured chips (--sample), a bar chart",
                "         with one group of bars per language, and the table.",
                "",
                "Examples:",
                "  tokenlab compare \"I love machine learning!\" -m llama3,cl100k_base",
                "  tokenlab compare ../shared/corpus/udhr -m llama3,cl100k_base",
                "  tokenlab compare ../shared/corpus/udhr -m llama3,o200k_base --format csv",
                "  tokenlab compare --chat dialog.json -m llama3.1,models/qwen3",
                "  tokenlab compare ../shared/corpus/udhr -m llama3,cl100k_base \\",
                "      --format html -o udhr.html"})
public final class CompareCommand extends TokenlabSubcommand {

    /** Output formats of {@code compare}. */
    enum Format { table, csv, json, html }

    /** Row orders. */
    enum Sort { ratio, name, input }

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "A text, a file or a directory (see below); '-' for standard input.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file to compare (may repeat).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", split = ",", required = true,
            description = "At least two models, separated by commas; the first is the baseline.")
    List<String> models;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = Tokenizers.CORE,
            description = "The engine that runs the tokenizers. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--chat", paramLabel = "FILE",
            description = "Compare the prompts of a chat (JSON, as tokenlab chat reads it): each model's own chat template,"
                    + " else its built-in format (see below).")
    Path chat;

    @Mixin
    ChatOptions chatOptions;

    @Option(names = "--glob", paramLabel = "GLOB", defaultValue = "*.txt",
            description = "Which files of a directory to compare, by name. Default: ${DEFAULT-VALUE}.")
    String glob;

    @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "ratio",
            description = {"Row order for several inputs: ${COMPLETION-CANDIDATES}. ratio (default): largest",
                    "tokens(model 2)/tokens(model 1) first; name: by source; input: as given."})
    Sort sort;

    @Option(names = "--sample", paramLabel = "TEXT",
            description = "The text the HTML report shows token by token (default: the start of the first input).")
    String sampleText;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the output to FILE instead of stdout.")
    Path output;

    /** One input read from the command line. */
    private record Source(String kind, String name, String language, String languageName, String text) {
    }

    @Override
    protected int run() {
        String engineName = engine.trim().toLowerCase(Locale.ROOT);
        long named = models.stream().filter(m -> !m.isBlank()).count();
        if (named < 2) {
            throw CliException.usage("compare needs at least two models: -m llama3,cl100k_base");
        }
        ModelList.Result opened = ModelList.open(models, engineName, this::note);
        if (opened.opened().size() < 2) {
            throw new CliException(ExitCodes.NOT_FOUND, "compare needs at least two models that can be opened here; only "
                    + opened.opened().get(0).model() + " can");
        }
        List<ModelList.Opened> ms = opened.opened();
        List<PieceView> views = ms.stream().map(m -> Explainers.pieces(m.tokenizer())).toList();
        List<CompareReport.Row> rows = new ArrayList<>();
        List<Source> sources;
        ChatChoice choice = ChatCommand.choice(chatOptions);
        if (chat == null && choice.anyGiven()) {
            throw CliException.usage("--template, --template-name, --tools, --var, --date and --no-generation-prompt go with --chat");
        }
        if (chat != null) {
            if (!inputs.isEmpty() || !files.isEmpty()) {
                throw CliException.usage("give INPUT/--file or --chat, not both");
            }
            String source = chat.toString();
            String json = TextInput.decodeStrict(TextInput.readFile(chat), source);
            String content = ChatInput.parseRequest(json, source).messages().stream()
                    .map(m -> m.get("content") instanceof String c ? c : "").collect(Collectors.joining("\n"));
            sources = List.of(new Source("chat", source, "", "", content));
            rows.add(measureChat(sources.get(0), json, choice, ms, views));
        } else {
            sources = sources();
            for (Source s : sources) {
                rows.add(measure(s, ms, views));
            }
        }
        order(rows);
        CompareReport.Row total = total(rows, ms.size());
        CompareReport.Sample sample = format == Format.html ? sample(sources, ms, views) : null;
        CompareReport report = new CompareReport(
                ms.stream().map(m -> new CompareReport.Model(m.model(), m.tokenizer())).toList(), engineName, rows, total,
                opened.skipped().stream().map(k -> new CompareReport.Skipped(k.model(), k.reason())).toList(), sample);
        String text = switch (format) {
            case table -> CompareFormats.table(report);
            case csv -> CompareFormats.csv(report);
            case json -> CompareFormats.json(report, sort.name());
            case html -> CompareHtml.page(report);
        };
        if (output != null) {
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, output + ": cannot write: " + e.getMessage(), e);
            }
        } else {
            out().print(text);
        }
        return ExitCodes.OK;
    }

    private void note(String message) {
        err().println(ErrorReporter.NAME + ": note: " + message);
        err().flush();
    }

    private List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        for (String input : inputs) {
            if (input.equals("-")) {
                sources.add(new Source("text", "stdin", "", "",
                        TextInput.decodeStrict(TextInput.readStream(stdin(), "stdin"), "stdin")));
                continue;
            }
            Path p = asPath(input);
            if (p != null && Files.isDirectory(p)) {
                sources.addAll(directory(p));
            } else if (p != null && Files.isRegularFile(p)) {
                sources.add(file(p, p.toString(), "", ""));
            } else {
                sources.add(new Source("text", "TEXT", "", "", input));
            }
        }
        for (Path f : files) {
            sources.add(file(f, f.toString(), "", ""));
        }
        if (inputs.isEmpty() && files.isEmpty()) {
            sources.add(new Source("text", "stdin", "", "", TextInput.decodeStrict(TextInput.readStream(stdin(), "stdin"), "stdin")));
        }
        return sources;
    }

    /** {@code value} as a path, or null when it cannot be one (a text with a NUL character, say). */
    private static Path asPath(String value) {
        if (value.isEmpty() || value.indexOf('\n') >= 0) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Source file(Path p, String name, String language, String languageName) {
        return new Source("file", name, language, languageName, TextInput.decodeStrict(TextInput.readFile(p), p.toString()));
    }

    private List<Source> directory(Path dir) {
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--glob: not a glob pattern: " + glob);
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(dir)) {
            found = walk.filter(Files::isRegularFile).filter(f -> matcher.matches(f.getFileName()))
                    .sorted(Comparator.comparing(f -> dir.relativize(f).toString())).toList();
        } catch (IOException | UncheckedIOException e) {
            throw CliException.error(dir + ": cannot list the directory: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw CliException.error(dir + ": no file matches " + glob + " (see --glob)");
        }
        Map<String, String[]> index = index(dir);
        List<Source> sources = new ArrayList<>(found.size());
        for (Path f : found) {
            String rel = dir.relativize(f).toString();
            String[] lang = index.getOrDefault(rel, new String[] {"", ""});
            sources.add(file(f, rel, lang[0], lang[1]));
        }
        return sources;
    }

    /** The directory's INDEX.tsv (header {@code file<TAB>lang<TAB>name…}): file → {lang, name}. */
    private static Map<String, String[]> index(Path dir) {
        Map<String, String[]> index = new HashMap<>();
        Path tsv = dir.resolve("INDEX.tsv");
        if (!Files.isRegularFile(tsv)) {
            return index;
        }
        try {
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return index;
            }
            List<String> header = List.of(lines.get(0).split("\t", -1));
            int file = header.indexOf("file");
            int lang = header.indexOf("lang");
            int name = header.indexOf("name");
            if (file < 0) {
                return index;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length > file) {
                    index.put(f[file], new String[] {lang >= 0 && lang < f.length ? f[lang] : "",
                        name >= 0 && name < f.length ? f[name] : ""});
                }
            }
        } catch (IOException e) {
            // an unreadable index only costs the language labels
        }
        return index;
    }

    private static CompareReport.Row measure(Source s, List<ModelList.Opened> models, List<PieceView> views) {
        List<CompareReport.Result> results = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            Tokenizer t = models.get(i).tokenizer();
            PieceView view = views.get(i);
            int[] n = new int[3];
            t.encode(s.text(), SpecialTokens.asText(), (id, start, end) -> {
                n[0]++;
                PieceKind kind = view.kind(id);
                if (kind == PieceKind.BYTE_FALLBACK) {
                    n[1]++;
                } else if (kind == PieceKind.UNKNOWN) {
                    n[2]++;
                }
                return true;
            });
            results.add(new CompareReport.Result(n[0], n[1], n[2]));
        }
        String text = s.text();
        return new CompareReport.Row(s.kind(), s.name(), s.language(), s.languageName(),
                text.codePointCount(0, text.length()), utf8Length(text), Words.count(text), results);
    }

    /** A chat's row: each model's prompt (its own chat format) counted; characters, bytes and words of the messages' text. */
    private static CompareReport.Row measureChat(Source s, String json, ChatChoice choice, List<ModelList.Opened> models,
                                                 List<PieceView> views) {
        List<CompareReport.Result> results = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            ChatPromptTokens.Prompt prompt = ChatPromptTokens.of(models.get(i).tokenizer(), models.get(i).model(), json, s.name(), choice);
            int fallback = 0;
            int unknown = 0;
            for (TokenSpan span : prompt.spans()) {
                PieceKind kind = views.get(i).kind(span.id());
                fallback += kind == PieceKind.BYTE_FALLBACK ? 1 : 0;
                unknown += kind == PieceKind.UNKNOWN ? 1 : 0;
            }
            results.add(new CompareReport.Result(prompt.spans().size(), fallback, unknown));
        }
        String text = s.text();
        return new CompareReport.Row(s.kind(), s.name(), s.language(), s.languageName(),
                text.codePointCount(0, text.length()), utf8Length(text), Words.count(text), results);
    }

    private static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3; // lone surrogates are encoded as U+FFFD
            }
        }
        return n;
    }

    private void order(List<CompareReport.Row> rows) {
        Comparator<CompareReport.Row> byName = Comparator.comparing(CompareReport.Row::source);
        if (sort == Sort.name) {
            rows.sort(byName);
        } else if (sort == Sort.ratio) {
            rows.sort(Comparator.comparing(CompareReport.Row::ratio, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(byName));
        }
    }

    private static CompareReport.Row total(List<CompareReport.Row> rows, int models) {
        long chars = 0;
        long bytes = 0;
        Words.Count words = new Words.Count(0, 0);
        List<CompareReport.Result> sums = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            sums.add(new CompareReport.Result(0, 0, 0));
        }
        for (CompareReport.Row r : rows) {
            chars += r.characters();
            bytes += r.bytes();
            words = words.plus(r.words());
            for (int i = 0; i < models; i++) {
                sums.set(i, sums.get(i).plus(r.results().get(i)));
            }
        }
        return new CompareReport.Row("total", "TOTAL", "", "", chars, bytes, words, sums);
    }

    private CompareReport.Sample sample(List<Source> sources, List<ModelList.Opened> models, List<PieceView> views) {
        String name;
        String text;
        if (sampleText != null) {
            name = "--sample";
            text = sampleText;
        } else {
            Source first = sources.stream().min(Comparator.comparing(Source::name)).orElseThrow();
            name = first.name();
            text = opening(first.text(), 300);
        }
        List<List<TokenSpan>> tokens = new ArrayList<>();
        for (ModelList.Opened m : models) {
            tokens.add(m.tokenizer().tokenize(text));
        }
        return new CompareReport.Sample(name, text, tokens, views);
    }

    /** The start of {@code text}: at most about {@code max} characters, cut at whitespace when there is some. */
    static String opening(String text, int max) {
        String t = text.strip();
        if (t.length() <= max) {
            return t;
        }
        int cut = max;
        while (cut > max / 2 && !Character.isWhitespace(t.charAt(cut))) {
            cut--;
        }
        if (cut == max / 2) {
            cut = Character.isLowSurrogate(t.charAt(max)) ? max - 1 : max;
        }
        return t.substring(0, cut).stripTrailing();
    }
}
