package dev.tokenlab.cli.command;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.chat.ChatChoice;
import dev.tokenlab.cli.chat.ChatPromptTokens;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.TextInput;
import dev.tokenlab.cli.options.ChatOptions;
import dev.tokenlab.cli.options.InputOptions;
import dev.tokenlab.cli.options.ModelList;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Terminal;
import dev.tokenlab.cli.render.TokenChips;
import dev.tokenlab.explain.Explainers;
import dev.tokenlab.explain.PieceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code tokenlab show}: the tokens of a text under one or more models, side by side.
 *
 * <pre>
 * $ tokenlab show unhappiness -m llama3,cl100k_base
 * llama3: 3 tokens
 * un|h|appiness
 *
 * cl100k_base: 3 tokens (same as llama3)
 * un|h|appiness
 * </pre>
 */
@Command(name = "show",
        description = {
                "Show the tokens of a text under one or more models.",
                "One block per model: coloured chips on a terminal, '|' between tokens",
                "otherwise, with the count and the difference to the first model."},
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Reading the output:",
                "  ·  space   →  tab   ↵  newline (also ends the line)",
                "  ▁  SentencePiece's space mark, left as the model writes it",
                "  <F0><9F>  bytes of a token that holds only part of a character",
                "  [...]     the tokens that share one split character, so a split emoji",
                "            stays one character: [<F0><9F><98>|<80>] is 😀 on llama3",
                "  <0x0D>, <U+FEFF>  other control and invisible characters",
                "",
                "Models Tokenlab knows but cannot open here (llama2 until its vocabulary is",
                "bundled) are skipped with a note on stderr; an unknown name is an error",
                "(exit 4).",
                "",
                "Colour: --color auto colours when stdout is a terminal, unless NO_COLOR is",
                "set (non-empty) or TERM=dumb; --color always overrides NO_COLOR. With --ids",
                "the ids stand under their tokens in columns (wide CJK characters and emoji",
                "count 2 columns), wrapped at --width.",
                "",
                "JSON (--format json): one line per run, each token with its id, text,",
                "visible text, bytes, offsets, split-character group and kind; its JSON",
                "Schema (what each key means): tokenlab schema show.",
                "",
                "Examples:",
                "  tokenlab show unhappiness -m llama3             # un|h|appiness",
                "  tokenlab show \"I love machine learning!\"        # llama3 and llama2",
                "  tokenlab show -m llama3,o200k_base --ids \"Hello world\"",
                "  tokenlab show -f notes.txt -m gpt-4o --color never",
                "  tokenlab show 😀 -m llama3                       # [<F0><9F><98>|<80>]",
                "  tokenlab show --chat dialog.json -m llama3.1,models/qwen3"})
public final class ShowCommand extends TokenlabSubcommand {

    /** Output formats of {@code show}. */
    enum Format { text, json }

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", split = ",", defaultValue = "llama3,llama2",
            description = "Models to show, separated by commas (names or model files). Default: ${DEFAULT-VALUE}.")
    List<String> models;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = Tokenizers.CORE,
            description = "The engine that runs the tokenizers. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Mixin
    InputOptions input;

    @Option(names = "--chat", paramLabel = "FILE",
            description = "Show the prompt of a chat (JSON, as tokenlab chat reads it) instead of a text: each model's own"
                    + " chat template, else its built-in format (special tokens highlighted).")
    Path chat;

    @Mixin
    ChatOptions chatOptions;

    @Option(names = "--ids", description = "Put each token's id under it (aligned in columns).")
    boolean ids;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Coloured chips: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Terminal.ColorMode colorMode;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "With --ids, wrap token lines at this width (default: $COLUMNS, else 100; 0: never).")
    Integer width;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    /** Where colour and width come from; tests replace it. */
    Terminal terminal = Terminal.SYSTEM;

    @Override
    protected int run() {
        String engineName = engine.trim().toLowerCase(Locale.ROOT);
        ModelList.Result opened = ModelList.open(models, engineName, this::note);
        List<Block> blocks = new ArrayList<>();
        String text;
        ChatChoice choice = ChatCommand.choice(chatOptions);
        if (chat == null && choice.anyGiven()) {
            throw CliException.usage("--template, --template-name, --tools, --var, --date and --no-generation-prompt go with --chat");
        }
        if (chat != null) {
            if (input.given()) {
                throw CliException.usage("give TEXT/--file or --chat, not both");
            }
            String source = chat.toString();
            text = TextInput.decodeStrict(TextInput.readFile(chat), source);
            for (ModelList.Opened m : opened.opened()) {
                ChatPromptTokens.Prompt prompt = ChatPromptTokens.of(m.tokenizer(), m.model(), text, source, choice);
                blocks.add(new Block(m, prompt.spans(), Explainers.pieces(m.tokenizer()), prompt));
            }
        } else {
            text = readInput(input).text();
            for (ModelList.Opened m : opened.opened()) {
                blocks.add(new Block(m, m.tokenizer().tokenize(text), Explainers.pieces(m.tokenizer()), null));
            }
        }
        if (format == Format.json) {
            writeJson(text, engineName, blocks, opened.skipped());
        } else {
            writeText(blocks);
        }
        return ExitCodes.OK;
    }

    /** One model's tokens; {@code prompt} is the chat prompt they are the tokens of (with --chat), else null. */
    private record Block(ModelList.Opened model, List<TokenSpan> spans, PieceView pieces, ChatPromptTokens.Prompt prompt) {
    }

    private void note(String message) {
        err().println(ErrorReporter.NAME + ": note: " + message);
        err().flush();
    }

    private void writeText(List<Block> blocks) {
        boolean color = colorMode.colorOn(terminal);
        TokenChips chips = new TokenChips(color, ids, width());
        PrintWriter out = out();
        int first = blocks.get(0).spans().size();
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (b > 0) {
                out.println();
            }
            int n = block.spans().size();
            String name = block.model().model();
            StringBuilder header = new StringBuilder();
            header.append(color ? "\u001B[1m" + name + TokenChips.RESET : name).append(": ").append(n)
                    .append(n == 1 ? " token" : " tokens");
            if (block.prompt() != null) {
                header.append(" (chat format ").append(block.prompt().format()).append(')');
            }
            if (b > 0) {
                int diff = n - first;
                String firstName = blocks.get(0).model().model();
                header.append(diff == 0 ? " (same as " + firstName + ")"
                        : String.format(Locale.ROOT, " (%+d vs %s)", diff, firstName));
            }
            out.println(header);
            if (n > 0) {
                for (String line : chips.render(TokenChips.cells(block.spans(), block.pieces()))) {
                    out.println(line);
                }
            }
        }
    }

    private int width() {
        if (width != null) {
            if (width < 0) {
                throw CliException.usage("--width must be 0 (no wrapping) or more, not " + width);
            }
            return width;
        }
        String columns = terminal.env("COLUMNS");
        if (columns != null) {
            try {
                int c = Integer.parseInt(columns.trim());
                if (c > 0) {
                    return c;
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return 100;
    }

    private void writeJson(String text, String engineName, List<Block> blocks, List<ModelList.Skipped> skipped) {
        HexFormat hex = HexFormat.of();
        JsonOutput json = new JsonOutput(out()).beginObject()
                .name("text").value(text)
                .name("engine").value(engineName)
                .name("models").beginArray();
        int first = blocks.get(0).spans().size();
        for (Block block : blocks) {
            json.beginObject()
                    .name("model").value(block.model().model())
                    .name("tokenizer").value(block.model().tokenizer().name())
                    .name("count").value(block.spans().size())
                    .name("difference").value(block.spans().size() - first);
            if (block.prompt() != null) {
                json.name("chatFormat").value(block.prompt().format()).name("prompt").value(block.prompt().text());
            }
            json.name("tokens").beginArray();
            List<TokenChips.Cell> cells = TokenChips.cells(block.spans(), block.pieces());
            for (int k = 0; k < cells.size(); k++) {
                TokenSpan s = block.spans().get(k);
                TokenChips.Cell c = cells.get(k);
                json.beginObject()
                        .name("id").value(s.id())
                        .name("text").value(s.text())
                        .name("visible").value(c.text())
                        .name("bytes").value(hex.formatHex(s.bytes()))
                        .name("start").value(s.charStart())
                        .name("end").value(s.charEnd())
                        .name("partial").value(s.isPartialCharacter())
                        .name("group").value(c.group() < 0 ? null : (Integer) c.group())
                        .name("kind").value(block.pieces().kind(s.id()).name().toLowerCase(Locale.ROOT))
                        .endObject();
            }
            json.endArray().endObject();
        }
        json.endArray().name("skipped").beginArray();
        for (ModelList.Skipped s : skipped) {
            json.beginObject().name("model").value(s.model()).name("reason").value(s.reason()).endObject();
        }
        json.endArray().endObject();
        out().println();
    }
}
