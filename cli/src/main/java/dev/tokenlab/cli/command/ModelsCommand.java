package dev.tokenlab.cli.command;

import dev.tokenlab.ModelProfile;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerDescription;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerInfo;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Numbers;
import dev.tokenlab.spi.ModelScheme;
import dev.tokenlab.spi.TokenizerProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code tokenlab models}: the tokenizers core can build, the model profiles, and the engines.
 * Listing builds nothing: it reads the declarations only.
 *
 * <pre>
 * $ tokenlab models
 * TOKENIZER    FAMILY                  VOCABULARY  CONTEXT  SOURCE
 * llama3       Llama 3, 3.1, 3.2, 3.3  128256      8192     bundled; ...
 * ...
 * </pre>
 */
@Command(name = "models",
        description = "List the tokenizers, the model profiles (name, tokenizer, context window) and the engines.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "A tokenizer's CONTEXT is that of the model profile of the same name ('-':",
                "none). A '*' marks a tokenizer that cannot be built here.",
                "JSON (--format json): one line; its JSON Schema: tokenlab schema models.",
                "",
                "Examples:",
                "  tokenlab models",
                "  tokenlab models --format json",
                "  tokenlab models -m path/to/qwen3        # a folder with tokenizer.json",
                "  tokenlab models -m hf:Qwen/Qwen3-8B",
                "  tokenlab models --ollama                  # the models Ollama has pulled"})
public final class ModelsCommand extends TokenlabSubcommand {

    /** Output formats of {@code models}. */
    enum Format { table, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--ollama",
            description = "List the models Ollama has pulled (OLLAMA_MODELS, ~/.ollama/models …): tokenizer, vocabulary,"
                    + " trained context, num_ctx, size on disk.")
    boolean ollama;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = {"Describe one model instead of listing: a name, a model file or folder (tokenizer.json …) or"
                    + " SCHEME:NAME (hf:ORG/NAME). Shows its format, pipeline stage by stage, context length, special"
                    + " tokens and chat templates."})
    String model;

    /** One engine: core or an adapter. */
    private record Engine(String name, String description, List<String> tokenizers) {
    }

    @Override
    protected int run() {
        if (ollama) {
            return listLocal("ollama");
        }
        if (model != null) {
            Tokenizer t = Tokenizers.open(model);
            if (format == Format.json) {
                writeJson(t);
            } else {
                writeDescription(t);
            }
            return ExitCodes.OK;
        }
        List<TokenizerInfo> tokenizers = Tokenizers.available();
        Map<String, TokenizerInfo> byName = tokenizers.stream()
                .collect(Collectors.toMap(TokenizerInfo::name, Function.identity(), (a, b) -> a));
        List<Engine> engines = new ArrayList<>();
        engines.add(new Engine(Tokenizers.CORE, "Tokenlab's own engine, pure Java, no dependencies",
                tokenizers.stream().filter(TokenizerInfo::available).map(TokenizerInfo::name).toList()));
        for (TokenizerProvider p : Tokenizers.providers()) {
            engines.add(new Engine(p.engine(), p.description(), p.names()));
        }
        if (format == Format.json) {
            writeJson(tokenizers, byName, engines);
        } else {
            writeTables(tokenizers, byName, engines);
        }
        return ExitCodes.OK;
    }

    /** The models a scheme has on this machine, each opened and described; one that does not open says why. */
    private int listLocal(String schemeName) {
        ModelScheme scheme = Tokenizers.schemes().stream().filter(s -> s.scheme().equals(schemeName)).findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND, "no " + schemeName + ": scheme in this build"));
        List<ModelScheme.Local> local = scheme.local();
        if (format == Format.json) {
            JsonOutput json = new JsonOutput(out()).beginObject().name("local").beginArray();
            for (ModelScheme.Local l : local) {
                Row r = row(schemeName, l);
                json.beginObject().name("name").value(r.name).name("tokenizer").value(r.tokenizer).name("vocabularySize").value(r.vocabulary)
                        .name("trainedContext").value(r.trained).name("numCtx").value(r.numCtx).name("bytes").value(l.bytes() < 0 ? null : l.bytes())
                        .name("error").value(r.error).endObject();
            }
            json.endArray().endObject();
            out().println();
            return ExitCodes.OK;
        }
        if (local.isEmpty()) {
            out().println("no local models (" + scheme.description() + ")");
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "TOKENIZER", "VOCABULARY", "TRAINED", "NUM_CTX", "SIZE"});
        for (ModelScheme.Local l : local) {
            Row r = row(schemeName, l);
            rows.add(new String[] {r.name, r.error != null ? "cannot open: " + r.error : r.tokenizer,
                    r.vocabulary == null ? "-" : r.vocabulary.toString(), r.trained == null ? "-" : r.trained.toString(),
                    r.numCtx == null ? "-" : r.numCtx.toString(), l.bytes() < 0 ? "-" : Numbers.bytes(l.bytes())});
        }
        printTable(out(), rows);
        return ExitCodes.OK;
    }

    /** What {@code models --ollama} shows of one model. */
    private record Row(String name, String tokenizer, Integer vocabulary, Integer trained, Integer numCtx, String error) {
    }

    private static Row row(String scheme, ModelScheme.Local l) {
        String name = scheme + ":" + l.name();
        try {
            Tokenizer t = Tokenizers.open(name);
            TokenizerDescription d = t.describe();
            String tokenizer = d.stages().stream().filter(s -> s.name().equals("model")).map(TokenizerDescription.Stage::description)
                    .map(m -> m.contains(",") ? m.substring(0, m.indexOf(',')) : m).findFirst().orElse(d.format())
                    + d.stages().stream().filter(s -> s.name().equals("pre-tokenizer") && s.description().startsWith("tokenizer.ggml.pre "))
                    .map(s -> ", pre " + s.description().split(" ")[1]).findFirst().orElse("");
            return new Row(name, tokenizer, t.vocabularySize(), d.contextLength().isPresent() ? d.contextLength().getAsInt() : null,
                    d.servedContextLength().isPresent() ? d.servedContextLength().getAsInt() : null, null);
        } catch (TokenizerException e) {
            return new Row(name, null, null, null, null, ErrorReporter.oneLine(e.getMessage()));
        }
    }

    private void writeDescription(Tokenizer t) {
        PrintWriter out = out();
        TokenizerDescription d = t.describe();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", t.name()});
        rows.add(new String[] {"format", d.format()});
        rows.add(new String[] {"vocabulary", t.vocabularySize() + " ids, " + t.specialTokens().size() + " special"});
        for (TokenizerDescription.Stage stage : d.stages()) {
            rows.add(new String[] {stage.name(), stage.description()});
        }
        rows.add(new String[] {"context", d.contextLength().isPresent() ? Integer.toString(d.contextLength().getAsInt()) : "-"});
        if (d.servedContextLength().isPresent()) {
            rows.add(new String[] {"served context", d.servedContextLength().getAsInt() + " (the runtime's window: Ollama's num_ctx)"});
        }
        if (!d.specialTokenNames().isEmpty()) {
            rows.add(new String[] {"special names", d.specialTokenNames().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))});
        }
        rows.add(new String[] {"chat templates", d.chatTemplates().isEmpty() ? "-" : d.chatTemplates().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().length() + " chars)").collect(Collectors.joining(", "))});
        for (String note : d.notes()) {
            rows.add(new String[] {"note", note});
        }
        printTable(out, rows);
    }

    private void writeJson(Tokenizer t) {
        TokenizerDescription d = t.describe();
        JsonOutput json = new JsonOutput(out()).beginObject().name("model").beginObject()
                .name("name").value(t.name())
                .name("format").value(d.format())
                .name("vocabularySize").value(t.vocabularySize())
                .name("specialTokens").value(t.specialTokens().size())
                .name("stages").beginArray();
        for (TokenizerDescription.Stage stage : d.stages()) {
            json.beginObject().name("name").value(stage.name()).name("description").value(stage.description()).endObject();
        }
        json.endArray().name("contextLength").value(d.contextLength().isPresent() ? d.contextLength().getAsInt() : null)
                .name("servedContextLength").value(d.servedContextLength().isPresent() ? d.servedContextLength().getAsInt() : null)
                .name("specialTokenNames").beginObject();
        d.specialTokenNames().forEach((k, v) -> json.name(k).value(v));
        json.endObject().name("chatTemplates").beginArray();
        d.chatTemplates().keySet().forEach(json::value);
        json.endArray().name("notes").beginArray();
        d.notes().forEach(json::value);
        json.endArray().endObject().endObject();
        out().println();
    }

    private static boolean profileAvailable(ModelProfile p, Map<String, TokenizerInfo> byName) {
        TokenizerInfo info = byName.get(p.tokenizer());
        return info != null && info.available();
    }

    private static Integer contextWindow(TokenizerInfo info) {
        return ModelProfiles.find(info.name()).map(ModelProfile::contextWindow).orElse(null);
    }

    private void writeTables(List<TokenizerInfo> tokenizers, Map<String, TokenizerInfo> byName, List<Engine> engines) {
        PrintWriter out = out();
        boolean marked = false;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TOKENIZER", "FAMILY", "VOCABULARY", "CONTEXT", "SOURCE"});
        for (TokenizerInfo i : tokenizers) {
            Integer context = contextWindow(i);
            marked |= !i.available();
            rows.add(new String[] {i.name() + (i.available() ? "" : "*"), i.family(), Integer.toString(i.vocabularySize()),
                    context == null ? "-" : context.toString(), i.source()});
        }
        printTable(out, rows);
        out.println();
        rows.clear();
        rows.add(new String[] {"MODEL", "TOKENIZER", "CONTEXT", "NOTES"});
        for (ModelProfile p : ModelProfiles.all()) {
            boolean available = profileAvailable(p, byName);
            marked |= !available;
            rows.add(new String[] {p.name(), p.tokenizer() + (available ? "" : "*"), Integer.toString(p.contextWindow()), p.notes()});
        }
        printTable(out, rows);
        out.println();
        rows.clear();
        rows.add(new String[] {"ENGINE", "DESCRIPTION"});
        for (Engine e : engines) {
            rows.add(new String[] {e.name(), e.description()});
        }
        printTable(out, rows);
        if (marked) {
            out.println();
            out.println("* not available here: core cannot build this tokenizer yet, or its vocabulary is not on the class path");
        }
    }

    /** Left-aligned columns, two spaces apart; the last column is not padded. */
    private static void printTable(PrintWriter out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].codePointCount(0, row[c].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c + 1 < columns) {
                    line.append(" ".repeat(width[c] - row[c].codePointCount(0, row[c].length()) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private void writeJson(List<TokenizerInfo> tokenizers, Map<String, TokenizerInfo> byName, List<Engine> engines) {
        JsonOutput json = new JsonOutput(out()).beginObject().name("tokenizers").beginArray();
        for (TokenizerInfo i : tokenizers) {
            json.beginObject()
                    .name("name").value(i.name())
                    .name("family").value(i.family())
                    .name("vocabularySize").value(i.vocabularySize())
                    .name("contextWindow").value(contextWindow(i))
                    .name("source").value(i.source())
                    .name("available").value(i.available())
                    .endObject();
        }
        json.endArray().name("profiles").beginArray();
        for (ModelProfile p : ModelProfiles.all()) {
            json.beginObject()
                    .name("name").value(p.name())
                    .name("tokenizer").value(p.tokenizer())
                    .name("contextWindow").value(p.contextWindow())
                    .name("chatTemplate").value(p.chatTemplate())
                    .name("notes").value(p.notes())
                    .name("available").value(profileAvailable(p, byName))
                    .endObject();
        }
        json.endArray().name("engines").beginArray();
        for (Engine e : engines) {
            json.beginObject().name("name").value(e.name()).name("description").value(e.description())
                    .name("tokenizers").beginArray();
            e.tokenizers().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray().endObject();
        out().println();
    }
}
