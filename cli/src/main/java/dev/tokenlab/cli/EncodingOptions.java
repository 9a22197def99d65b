package dev.tokenlab.cli;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import picocli.CommandLine.Option;

/**
 * How text becomes ids, beyond the model: the special-token policy ({@code --special}) and Meta's
 * long-run split ({@code --meta-split}). Shared by {@code encode} and {@code count}, so both always
 * agree on the number of tokens.
 */
public final class EncodingOptions {

    /** What special-token text in the input (such as {@code <|eot_id|>}) becomes. */
    public enum Special {
        /** Ordinary text, several ordinary tokens: {@link SpecialTokens#asText()}. Safe for user content. */
        text(SpecialTokens.asText()),
        /** The special token's id: {@link SpecialTokens#allowAll()}. Only for text you control. */
        allow(SpecialTokens.allowAll()),
        /** An error naming the token and its offset (exit 1): {@link SpecialTokens#disallowAll()}. */
        deny(SpecialTokens.disallowAll());

        private final SpecialTokens policy;

        Special(SpecialTokens policy) {
            this.policy = policy;
        }

        public SpecialTokens policy() {
            return policy;
        }
    }

    @Option(names = "--special", paramLabel = "POLICY", defaultValue = "text",
            description = {"What special-token text in the input (<|eot_id|> …) becomes: ${COMPLETION-CANDIDATES}.",
                    "text: ordinary text (default, safe for user content); allow: the special id;"
                            + " deny: an error naming the token and its offset."})
    Special special;

    @Option(names = "--meta-split",
            description = "Meta's tokenizer.py long-run split: also cut runs of 25,000+ whitespace or non-whitespace"
                    + " characters (core engine, tiktoken models only; other inputs are unchanged).")
    boolean metaSplit;

    /** The special-token policy chosen. */
    public SpecialTokens policy() {
        return special.policy();
    }

    /**
     * The tokenizer {@code model} names, with {@code --meta-split} applied.
     *
     * @throws CliException (usage) if {@code --meta-split} is asked of a tokenizer that does not have it
     */
    public Tokenizer open(ModelOptions model) {
        if (!metaSplit) {
            return model.open();
        }
        try {
            return model.open(model.options().metaSplit(true));
        } catch (TokenizerNotFoundException e) {
            throw e;
        } catch (TokenizerException e) {
            if (!e.getMessage().contains("long-run split")) {
                throw e;
            }
            throw CliException.usage("--meta-split works only with tiktoken-style tokenizers on the core engine"
                    + " (llama3, cl100k_base …), not with " + model.model() + " on " + model.engine());
        }
    }
}
