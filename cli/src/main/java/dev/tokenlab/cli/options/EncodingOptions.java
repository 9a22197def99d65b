package dev.tokenlab.cli.options;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
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

    @Option(names = "--add-special",
            description = {"Add the model's own special tokens around the text, as Hugging Face's add_special_tokens=True"
                    + " does: <|begin_of_text|> for Llama 3, <bos> for Gemma, [CLS] … [SEP] for BERT, nothing for Qwen or"
                    + " the OpenAI encodings. Counts include them."})
    boolean addSpecial;

    @Option(names = "--meta-split",
            description = "Meta's tokenizer.py long-run split: also cut runs of 25,000+ whitespace or non-whitespace"
                    + " characters (core engine, tiktoken models only; other inputs are unchanged).")
    boolean metaSplit;

    /** {@code --special} as given. */
    public Special special() {
        return special;
    }

    /** The special-token policy chosen. */
    public SpecialTokens policy() {
        return special.policy();
    }

    /**
     * The tokenizer {@code model} names, with {@code --meta-split} applied.
     *
     * <p>Core refuses the split with a plain {@link TokenizerException} (it has no type for "this
     * tokenizer or engine lacks an option"), so the refusal is recognised by what differs, not by the
     * message: the request with the split failed; if the same request without it opens, the split was
     * what was refused (a usage error); if not, that error is the real one and is thrown.
     *
     * @throws CliException (usage) if {@code --meta-split} is asked of a tokenizer that does not have it
     */
    public Tokenizer open(ModelOptions model) {
        if (!metaSplit) {
            return model.open(model.options().addSpecialTokens(addSpecial));
        }
        try {
            return model.open(model.options().metaSplit(true).addSpecialTokens(addSpecial));
        } catch (TokenizerNotFoundException | TokenizerFormatException e) {
            throw e; // no such model or engine, a bad model file: not about the split
        } catch (TokenizerException refused) {
            model.open(model.options().addSpecialTokens(addSpecial)); // throws what is wrong besides the split, if anything
            throw new CliException(ExitCodes.USAGE, "--meta-split works only with tiktoken-style tokenizers on the core engine"
                    + " (llama3, cl100k_base …), not with " + model.model() + " on " + model.engine(), refused);
        }
    }
}
