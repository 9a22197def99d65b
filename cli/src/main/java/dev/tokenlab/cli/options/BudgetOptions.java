package dev.tokenlab.cli.options;

import dev.tokenlab.ModelProfile;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerDescription;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.render.Numbers;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Optional;

/**
 * The token budget a text must fit: the context window (from the model profile, {@code --context} or
 * {@code --ollama-num-ctx}) and the limit ({@code --limit}, or the window less {@code --reserve}).
 *
 * <pre>
 * $ tokenlab count -m llama3.1 --reserve 1000 -f docs/
 * tokenlab: over budget by 2,234 tokens: 132,306 &gt; 130,072 (llama3.1 context window 131,072 less 1,000 reserved for the answer)
 * </pre>
 */
public final class BudgetOptions {
    /** Ollama's num_ctx when neither the model's params nor the server set one. */
    public static final int OLLAMA_DEFAULT_NUM_CTX = 4096;

    @Option(names = "--context", paramLabel = "N",
            description = "The context window in tokens, for a model without a profile (cl100k_base) or to override it.")
    Integer context;

    @Option(names = "--ollama-num-ctx", paramLabel = "N",
            description = "The window is Ollama's num_ctx N: a local Ollama server silently truncates prompts beyond it.")
    Integer ollamaNumCtx;

    @Option(names = "--limit", paramLabel = "N", description = "The token limit, absolute (instead of the context window).")
    Integer limit;

    @Option(names = "--reserve", paramLabel = "N",
            description = "Tokens kept for the answer: the limit is the context window less N.")
    Integer reserve;

    @Option(names = "--fit",
            description = "Exit with code 3 when the total is over the model's context window (implied by"
                    + " --limit, --reserve, --context and --ollama-num-ctx). Without any of these, only the share of"
                    + " the window is reported.")
    boolean fit;

    /**
     * The budget for {@code model} (a profile name gives its context window; other names and model
     * files have none unless {@code --context} or {@code --ollama-num-ctx} says).
     *
     * @throws CliException (usage) for conflicting or out-of-range values, or {@code --reserve} without a window
     */
    public Budget resolve(String model) {
        return resolve(model, null);
    }

    /**
     * The budget for {@code model} opened as {@code tokenizer}: besides a profile's window, what the model's
     * files say — Ollama's {@code num_ctx} for an {@code ollama:} model (else {@code --ollama-num-ctx}, else
     * Ollama's default {@value #OLLAMA_DEFAULT_NUM_CTX}, said in the source), or the context length of a
     * {@code tokenizer_config.json} or GGUF.
     *
     * @throws CliException (usage) for conflicting or out-of-range values, or {@code --reserve} without a window
     */
    public Budget resolve(String model, Tokenizer tokenizer) {
        if (context != null && ollamaNumCtx != null) {
            throw CliException.usage("give --context or --ollama-num-ctx, not both");
        }
        if (limit != null && reserve != null) {
            throw CliException.usage("give --limit or --reserve, not both (--limit is absolute)");
        }
        positive("--context", context);
        positive("--ollama-num-ctx", ollamaNumCtx);
        if (limit != null && limit < 0) {
            throw CliException.usage("--limit must not be negative: " + limit);
        }
        if (reserve != null && reserve < 0) {
            throw CliException.usage("--reserve must not be negative: " + reserve);
        }
        Optional<ModelProfile> profile = ModelProfiles.find(model);
        TokenizerDescription described = tokenizer == null ? null : tokenizer.describe();
        boolean ollamaModel = model.startsWith("ollama:") || described != null && described.servedContextLength().isPresent();
        Integer window;
        String source;
        boolean ollama = ollamaNumCtx != null;
        if (ollamaNumCtx != null) {
            window = ollamaNumCtx;
            source = "Ollama num_ctx";
        } else if (context != null) {
            window = context;
            source = "--context";
        } else if (ollamaModel) {
            ollama = true;
            if (described != null && described.servedContextLength().isPresent()) {
                window = described.servedContextLength().getAsInt();
                source = "Ollama num_ctx of " + model + " (from its params)";
            } else {
                window = OLLAMA_DEFAULT_NUM_CTX;
                source = "Ollama's default num_ctx " + Numbers.grouped(OLLAMA_DEFAULT_NUM_CTX) + " (" + model
                        + " sets none; give --ollama-num-ctx if your server sets OLLAMA_CONTEXT_LENGTH)";
            }
            if (described != null && described.contextLength().isPresent() && described.contextLength().getAsInt() > window) {
                source += "; the model was trained for " + Numbers.grouped(described.contextLength().getAsInt()) + " tokens";
            }
        } else if (profile.isPresent()) {
            window = profile.get().contextWindow();
            source = profile.get().name() + " context window";
        } else if (described != null && described.contextLength().isPresent()) {
            window = described.contextLength().getAsInt();
            source = model + " context length (from its files)";
        } else {
            window = null;
            source = null;
        }
        if (limit != null) {
            return new Budget(window, (long) limit, "--limit", false);
        }
        boolean asked = fit || reserve != null || context != null || ollamaNumCtx != null;
        if (!asked) {
            return new Budget(window, null, null, false); // a count, with the share of the window, no verdict
        }
        if (window == null) {
            if (reserve != null || fit) {
                throw CliException.usage((fit ? "--fit" : "--reserve") + " needs a context window: " + model
                        + " has no model profile; give --context N (or a model such as llama3.1)");
            }
            return new Budget(null, null, null, false);
        }
        if (reserve == null || reserve == 0) {
            return new Budget(window, (long) window, source, ollama);
        }
        if (reserve >= window) {
            throw CliException.usage("--reserve " + Numbers.grouped(reserve) + " leaves nothing of the "
                    + Numbers.grouped(window) + "-token context window");
        }
        return new Budget(window, (long) window - reserve,
                source + " " + Numbers.grouped(window) + " less " + Numbers.grouped(reserve) + " reserved for the answer", ollama);
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw CliException.usage(option + " must be at least 1: " + value);
        }
    }

    /**
     * A resolved budget.
     *
     * @param contextWindow the window in tokens, or null when unknown
     * @param limit         the most tokens allowed, or null when there is no limit
     * @param what          where the limit comes from, for the over-budget message
     * @param ollama        whether the window is Ollama's num_ctx (the message says what Ollama does)
     */
    public record Budget(Integer contextWindow, Long limit, String what, boolean ollama) {

        /** Tokens over the limit (0 when within it), or null without a limit. */
        public Long overBy(long total) {
            return limit == null ? null : Math.max(0, total - limit);
        }

        /** Whether {@code total} is over the limit. */
        public boolean isOver(long total) {
            return limit != null && total > limit;
        }

        /**
         * The one stderr line for {@code total} over the limit, after {@code "tokenlab: "}:
         * {@code over budget by 1,234 tokens: 132,306 > 131,072 (llama3.1 context window)}.
         */
        public String overBudgetMessage(long total) {
            long over = total - limit;
            return "over budget by " + Numbers.grouped(over) + (over == 1 ? " token: " : " tokens: ")
                    + Numbers.grouped(total) + " > " + Numbers.grouped(limit) + " (" + what
                    + (ollama ? "; Ollama silently truncates a prompt beyond it" : "") + ")";
        }

        /** {@code tokens} as a percentage of the context window ({@code 12.3%}), or null without one. */
        public String percentOfWindow(long tokens) {
            return contextWindow == null ? null : String.format(Locale.ROOT, "%.1f%%", 100.0 * tokens / contextWindow);
        }
    }
}
