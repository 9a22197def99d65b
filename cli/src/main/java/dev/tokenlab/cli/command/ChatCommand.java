package dev.tokenlab.cli.command;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.ChatMessage;
import dev.tokenlab.budget.ChatPrompt;
import dev.tokenlab.cli.chat.ChatChoice;
import dev.tokenlab.cli.chat.ChatFormat;
import dev.tokenlab.cli.chat.ChatFormats;
import dev.tokenlab.cli.chat.ChatSettings;
import dev.tokenlab.cli.chat.JinjaChat;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.ChatInput;
import dev.tokenlab.cli.input.TextInput;
import dev.tokenlab.cli.input.ChatRequest;
import dev.tokenlab.cli.options.BudgetOptions;
import dev.tokenlab.cli.options.ChatOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Numbers;
import dev.tokenlab.templates.ModelChatTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tokenlab chat}: what a chat costs in a model's prompt format, message by message, or the
 * exact prompt ids or text. The format is the model's own Jinja chat template (rendered and tokenized as
 * transformers' {@code apply_chat_template} does), or core's built-in Llama 3 / Llama 2 format for the
 * bundled models, which carry no template; {@link ChatFormats} states the rule.
 *
 * <pre>
 * $ echo '[{"role":"user","content":"Hi"}]' | tokenlab chat -m llama3.1 --format ids
 * 128000 128006 882 128007 271 13347 128009 128006 78191 128007 271
 * </pre>
 */
@Command(name = "chat",
        description = "Count a chat's tokens in the model's chat format, or print its exact prompt ids or text.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Input: the request you already send, with transformers' names:",
                "  {\"messages\": [...], \"tools\": [...], \"documents\": [...],",
                "   \"add_generation_prompt\": true, \"template_kwargs\": {\"enable_thinking\": false}}",
                "or a bare array of messages. A Jinja template sees every key of every message",
                "(tool_calls, tool_call_id, name, content: null); flags win over the file.",
                "",
                "Which format:",
                "  --template llama3|llama2  core's built-in format (Meta's reference encoder);",
                "  --template FILE           a Jinja template file, with the model's special",
                "                            tokens; --template-name NAME: a named one of the",
                "                            model's (tool_use …);",
                "  otherwise the model's own Jinja template when its files carry one",
                "  (tokenizer_config.json, a GGUF's tokenizer.chat_template): what",
                "  transformers, Ollama and llama.cpp apply, so a Llama 3 folder gets its",
                "  Hugging Face template (which trims each message; Meta's encoder does not);",
                "  else the built-in format of the bundled models (llama3, llama3.1 …, llama2).",
                "  A model with neither: one line, and exit code 2.",
                "A Jinja template is rendered as transformers' apply_chat_template renders it",
                "(jinja2, sandboxed) and tokenized with special-token text matched and nothing",
                "added around it. A template that refuses the chat (raise_exception) exits 1",
                "with its own message. The built-in formats encode content as ordinary text",
                "(<|eot_id|> in a message stays 7 tokens) and take no --tools, --var, --date or",
                "--no-generation-prompt.",
                "",
                "Formats:",
                "  count  a table: per message its role and tokens (a Jinja template: the count",
                "         of the chat up to it less the count before it; built-in: content and",
                "         the format's overhead), the overhead, and the total.",
                "  ids    the prompt ids on one line.",
                "  text   the rendered prompt, exactly (no newline added): for teaching and",
                "         debugging templates.",
                "  json   the same as count, one line; its JSON Schema: tokenlab schema chat.",
                "",
                "Budget: --fit, --limit, --reserve, --context and --ollama-num-ctx work as for",
                "count: the prompt is printed, then exit code 3 and one line on stderr when it",
                "is over the limit (--reserve N keeps N tokens of the window for the answer).",
                "",
                "Examples:",
                "  tokenlab chat -m llama3.1 dialog.json",
                "  tokenlab chat -m models/qwen3 --var enable_thinking=false dialog.json",
                "  tokenlab chat -m hf:Qwen/Qwen3-8B --format text --tools tools.json dialog.json",
                "  tokenlab chat -m models/llama3 --date 2024-07-26 --format ids dialog.json",
                "  tokenlab chat -m ollama:llama3.2 --reserve 2048 dialog.json",
                "  tokenlab chat -m llama3 --template llama2 < dialog.json",
                "  tokenlab chat -m llama3.1 --template my-template.jinja dialog.json"})
public final class ChatCommand extends TokenlabSubcommand {

    /** Output formats of {@code chat}. */
    enum Format { count, ids, json, text }

    @Mixin
    ModelOptions model;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The chat as JSON ('-' or none: standard input).")
    Path file;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The same as the FILE argument.")
    Path fileOption;

    @Mixin
    ChatOptions chat;

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
        ChatFormat chatFormat = ChatFormats.choose(t, model.model(), chat.template, chat.templateName);
        ChatSettings settings = choice(chat).settings();
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
        int count;
        if (chatFormat instanceof ChatFormat.Jinja jinja) {
            count = runJinja(t, jinja, new JinjaChat(jinja, ChatInput.parseRequest(json, source), settings, source), limits);
        } else {
            ChatFormats.refuseJinjaFlags(model.model(), chatFormat, settings);
            count = runBuiltIn(t, ((ChatFormat.BuiltIn) chatFormat).template(), ChatInput.parse(json, source), source, limits);
        }
        if (limits.isOver(count)) {
            err().println(ErrorReporter.NAME + ": " + limits.overBudgetMessage(count));
            return ExitCodes.OVER_BUDGET;
        }
        return ExitCodes.OK;
    }

    private int runJinja(Tokenizer t, ChatFormat.Jinja jinja, JinjaChat prompt, BudgetOptions.Budget limits) {
        switch (format) {
            case text -> {
                String text = prompt.text();
                out().print(text);
                out().flush();
                return t.count(text, SpecialTokens.allowAll());
            }
            case ids -> {
                int[] ids = prompt.ids();
                writeIds(ids);
                return ids.length;
            }
            default -> {
                ModelChatTemplate.Accounting a = prompt.accounting();
                if (format == Format.json) {
                    writeJson(t, jinja, prompt.roles(), a);
                } else {
                    writeTable(prompt.roles(), a, limits);
                }
                return a.total();
            }
        }
    }

    private int runBuiltIn(Tokenizer t, dev.tokenlab.budget.ChatTemplate chatTemplate, List<ChatMessage> messages, String source,
                           BudgetOptions.Budget limits) {
        ChatPrompt prompt;
        try {
            prompt = chatTemplate.render(t, messages);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.ERROR, source + ": " + e.getMessage(), e);
        }
        switch (format) {
            case ids -> writeIds(prompt.ids());
            case text -> {
                out().print(t.decode(prompt.ids()));
                out().flush();
            }
            case json -> writeJson(t, chatTemplate, prompt);
            default -> writeTable(prompt, limits);
        }
        return prompt.tokenCount();
    }

    private void writeIds(int[] ids) {
        PrintWriter out = out();
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(id);
        }
        out.println(sb);
    }

    /** A Jinja template's table: each message's share, the overhead, the total. */
    private void writeTable(List<String> roles, ModelChatTemplate.Accounting a, BudgetOptions.Budget limits) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "role", "tokens"});
        for (int i = 0; i < roles.size(); i++) {
            rows.add(new String[] {String.valueOf(i + 1), roles.get(i), Numbers.grouped(a.messages().get(i))});
        }
        rows.add(new String[] {"", "overhead", Numbers.grouped(a.overhead())});
        rows.add(new String[] {"", "total", Numbers.grouped(a.total())});
        printRows(rows);
        String share = limits.percentOfWindow(a.total());
        if (share != null) {
            out().println(share + " of the " + Numbers.grouped(limits.contextWindow()) + "-token context window");
        }
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
        printRows(rows);
        String share = limits.percentOfWindow(prompt.tokenCount());
        if (share != null) {
            out().println(share + " of the " + Numbers.grouped(limits.contextWindow()) + "-token context window");
        }
    }

    /** The rows in columns: the first right-aligned, the second (the role) left-aligned, the numbers right-aligned. */
    private void printRows(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
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
    }

    private void writeJson(Tokenizer t, dev.tokenlab.budget.ChatTemplate chatTemplate, ChatPrompt prompt) {
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

    private void writeJson(Tokenizer t, ChatFormat.Jinja jinja, List<String> roles, ModelChatTemplate.Accounting a) {
        JsonOutput w = new JsonOutput(out()).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("template").value(jinja.name())
                .name("templateSource").value(jinja.fromFile() ? "file" : "model")
                .name("count").value(a.total())
                .name("messages").beginArray();
        for (int i = 0; i < roles.size(); i++) {
            w.beginObject().name("role").value(roles.get(i)).name("tokens").value(a.messages().get(i)).endObject();
        }
        w.endArray().name("overhead").value(a.overhead()).endObject();
        out().println();
    }

    /** The chat format and flags {@code options} give: for {@code chat}, {@code show --chat} and {@code compare --chat}. */
    static ChatChoice choice(ChatOptions options) {
        return new ChatChoice(options.template, options.templateName,
                new ChatSettings(options.tools(), options.addGenerationPrompt(), options.variables(), options.now()));
    }
}
