package dev.tokenlab.cli.command;

import dev.tokenlab.ModelProfile;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.ChatMessage;
import dev.tokenlab.budget.ChatPrompt;
import dev.tokenlab.budget.ChatTemplate;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.ChatInput;
import dev.tokenlab.cli.input.TextInput;
import dev.tokenlab.cli.options.BudgetOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tokenlab chat}: what a chat costs in a model's prompt format, message by message, or the
 * exact prompt ids.
 *
 * <pre>
 * $ echo '[{"role":"user","content":"Hi"}]' | tokenlab chat -m llama3.1 --format ids
 * 128000 128006 882 128007 271 13347 128009 128006 78191 128007 271
 * </pre>
 */
@Command(name = "chat",
        description = "Count a chat's tokens in the model's chat format, or print its exact prompt ids.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Input: a JSON object with a \"messages\" array of {\"role\",\"content\"} (other keys",
                "are ignored), or a bare array. Roles: system, user, assistant, tool (ipython).",
                "Content is encoded as ordinary text: <|eot_id|> in a message stays 7 tokens.",
                "",
                "Formats:",
                "  count  a table: per message its role, content tokens and the template's",
                "         overhead (headers, markers; the first carries <|begin_of_text|>),",
                "         the reply header, and the total.",
                "  ids    the prompt ids on one line, ending with the assistant's header.",
                "  json   the same per message, one line; its JSON Schema: tokenlab schema",
                "         chat.",
                "",
                "Budget: --fit, --limit, --reserve, --context and --ollama-num-ctx work as for",
                "count: the prompt is printed, then exit code 3 and one line on stderr when it",
                "is over the limit (--reserve N keeps N tokens of the window for the answer).",
                "",
                "Examples:",
                "  tokenlab chat -m llama3.1 dialog.json",
                "  tokenlab chat -m llama3.1 --reserve 2048 dialog.json",
                "  tokenlab chat -m llama3 --ollama-num-ctx 2048 dialog.json",
                "  tokenlab chat -m llama3.1 --format ids dialog.json",
                "  tokenlab chat -m llama3 --template llama2 < dialog.json"})
public final class ChatCommand extends TokenlabSubcommand {

    /** Output formats of {@code chat}. */
    enum Format { count, ids, json }

    /** Chat templates core has. */
    enum Template { llama3, llama2 }

    @Mixin
    ModelOptions model;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The chat as JSON ('-' or none: standard input).")
    Path file;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The same as the FILE argument.")
    Path fileOption;

    @Option(names = "--template", paramLabel = "NAME",
            description = "The chat format: ${COMPLETION-CANDIDATES} (default: the model profile's).")
    Template template;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "count",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; see below).")
    Format format;

    @Mixin
    BudgetOptions budget;

    @Override
    protected int run() {
        if (file != null && fileOption != null) {
            throw CliException.usage("give FILE or --file, not both");
        }
        Tokenizer t = model.open();
        ChatTemplate chatTemplate = template();
        BudgetOptions.Budget limits = budget.resolve(model.model(), t);
        Path path = file != null ? file : fileOption;
        String source;
        String json;
        if (path == null || path.toString().equals("-")) {
            source = "stdin";
            json = TextInput.decodeStrict(TextInput.readStream(stdin(), source), source);
        } else {
            source = path.toString();
            json = TextInput.decodeStrict(TextInput.readFile(path), source);
        }
        List<ChatMessage> messages = ChatInput.parse(json, source);
        ChatPrompt prompt;
        try {
            prompt = chatTemplate.render(t, messages);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.ERROR, source + ": " + e.getMessage(), e);
        }
        switch (format) {
            case ids -> writeIds(prompt);
            case json -> writeJson(t, chatTemplate, prompt);
            default -> writeTable(prompt, limits);
        }
        if (limits.isOver(prompt.tokenCount())) {
            err().println(ErrorReporter.NAME + ": " + limits.overBudgetMessage(prompt.tokenCount()));
            return ExitCodes.OVER_BUDGET;
        }
        return ExitCodes.OK;
    }

    /** {@code --template}, else the model profile's template. */
    private ChatTemplate template() {
        if (template != null) {
            return ChatTemplate.forName(template.name());
        }
        Optional<ModelProfile> profile = ModelProfiles.find(model.model());
        if (profile.isPresent() && !profile.get().chatTemplate().equals("none")) {
            return ChatTemplate.forName(profile.get().chatTemplate());
        }
        List<String> withTemplate = ModelProfiles.all().stream()
                .filter(p -> !p.chatTemplate().equals("none")).map(ModelProfile::name).toList();
        throw CliException.usage("model " + model.model() + " has no chat template; models with one: "
                + String.join(", ", withTemplate) + " (or give --template llama3|llama2)");
    }

    private void writeIds(ChatPrompt prompt) {
        PrintWriter out = out();
        StringBuilder sb = new StringBuilder();
        for (int id : prompt.ids()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(id);
        }
        out.println(sb);
    }

    private void writeTable(ChatPrompt prompt, BudgetOptions.Budget limits) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "role", "content", "overhead", "total"});
        long content = 0;
        long overhead = 0;
        int n = 0;
        for (ChatPrompt.MessageCost m : prompt.messages()) {
            rows.add(new String[] {String.valueOf(++n), m.role(), Numbers.grouped(m.contentTokens()),
                    Numbers.grouped(m.overhead()), Numbers.grouped(m.total())});
            content += m.contentTokens();
            overhead += m.overhead();
        }
        rows.add(new String[] {"", "reply", "", Numbers.grouped(prompt.replyOverhead()),
                Numbers.grouped(prompt.replyOverhead())});
        overhead += prompt.replyOverhead();
        rows.add(new String[] {"", "total", Numbers.grouped(content), Numbers.grouped(overhead),
                Numbers.grouped(prompt.tokenCount())});
        String share = limits.percentOfWindow(prompt.tokenCount());
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        PrintWriter out = out();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            line.append(" ".repeat(widths[0] - row[0].length())).append(row[0]).append("  ");
            line.append(row[1]).append(" ".repeat(widths[1] - row[1].length()));
            for (int i = 2; i < row.length; i++) {
                line.append("  ").append(" ".repeat(widths[i] - row[i].length())).append(row[i]);
            }
            out.println(line);
        }
        if (share != null) {
            out.println(share + " of the " + Numbers.grouped(limits.contextWindow()) + "-token context window");
        }
    }

    private void writeJson(Tokenizer t, ChatTemplate chatTemplate, ChatPrompt prompt) {
        JsonOutput w = new JsonOutput(out()).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("template").value(chatTemplate.name())
                .name("count").value(prompt.tokenCount())
                .name("messages").beginArray();
        for (ChatPrompt.MessageCost m : prompt.messages()) {
            w.beginObject().name("role").value(m.role()).name("contentTokens").value(m.contentTokens())
                    .name("overhead").value(m.overhead()).endObject();
        }
        w.endArray().name("replyOverhead").value(prompt.replyOverhead()).endObject();
        out().println();
    }
}
