package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.TokenBudget;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.options.InputOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.render.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code tokenlab truncate}: the head, tail or both ends of a text that fit in N tokens, cut at a
 * token boundary that is also a character boundary ({@link TokenBudget#truncate}).
 *
 * <pre>
 * $ tokenlab truncate -n 2 unhappiness
 * unh
 * tokenlab: kept 2 of 3 tokens (head)
 * </pre>
 */
@Command(name = "truncate",
        description = "Print the longest head, tail or head-and-tail of a text that fits in N tokens.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Output: exactly the kept text (no newline added), so files round-trip.",
                "When something was cut, one note on stderr: tokenlab: kept 100 of 2,345 tokens (head).",
                "The kept text re-encodes to at most N tokens (token counts are not monotonic:",
                "every cut is re-encoded and checked). Special-token text counts as ordinary text.",
                "",
                "Examples:",
                "  tokenlab truncate -n 2 unhappiness                  # unh",
                "  tokenlab truncate -m llama3.1 -n 4000 --keep tail -f chat.log",
                "  tokenlab truncate -n 1000 --keep middle -f report.md > short.md"})
public final class TruncateCommand extends TokenlabSubcommand {

    /** Which part to keep. */
    enum Keep { head, tail, middle }

    @Mixin
    ModelOptions model;

    @Mixin
    InputOptions input;

    @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", required = true,
            description = "Keep at most N tokens.")
    int maxTokens;

    @Option(names = "--keep", paramLabel = "PART", defaultValue = "head",
            description = "What to keep: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; middle keeps the start"
                    + " and the end, half the budget each).")
    Keep keep;

    @Override
    protected int run() {
        if (maxTokens < 0) {
            throw CliException.usage("-n must not be negative: " + maxTokens);
        }
        Tokenizer t = exactOffsets(model, "truncate");
        String text = readInput(input).text();
        String kept = TokenBudget.of(t, maxTokens)
                .truncate(text, maxTokens, TokenBudget.Keep.valueOf(keep.name().toUpperCase(Locale.ROOT)));
        out().print(kept);
        out().flush();
        if (!kept.equals(text)) {
            err().println(ErrorReporter.NAME + ": kept " + Numbers.grouped(t.count(kept)) + " of "
                    + Numbers.grouped(t.count(text)) + " tokens (" + keep + ")");
            err().flush();
        }
        return ExitCodes.OK;
    }

    /**
     * The tokenizer, on the core engine only: cutting needs each token's exact character offsets,
     * which adapters such as jtokkit do not report.
     */
    static Tokenizer exactOffsets(ModelOptions model, String command) {
        if (!model.engine().equals(Tokenizers.CORE)) {
            throw CliException.usage(command + " needs exact token offsets, which only the core engine reports;"
                    + " drop --engine " + model.engine());
        }
        return model.open();
    }
}
