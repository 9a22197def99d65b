package dev.tokenlab.example;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.TokenBudget;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Counts a prompt for Llama 3.1, tries the options, fits a long text into the context window, and
 * opens a model file when one is given: the public API, end to end, from outside the project.
 *
 * <pre>
 * java -p … -m dev.tokenlab.example/dev.tokenlab.example.CountPrompt [MODEL_FILE]
 * </pre>
 */
public final class CountPrompt {
    private CountPrompt() {
    }

    /** Prints one line per step; the first argument, if any, is a model file to open. */
    public static void main(String[] args) {
        Tokenizer llama3 = Tokenizers.get("llama3.1");
        System.out.println("unhappiness: " + Arrays.toString(llama3.encode("unhappiness")));

        Tokenizer trusted = Tokenizers.get("llama3", TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll()));
        System.out.println("<|eot_id|> as text: " + llama3.count("<|eot_id|>") + " tokens; allowed: "
                + Arrays.toString(trusted.encode("<|eot_id|>")));

        Tokenizer meta = Tokenizers.get("llama3", TokenizerOptions.defaults().metaSplit(true));
        System.out.println("with Meta's long-run split (only runs of 25,000+ characters differ): Hello world = "
                + Arrays.toString(meta.encode("Hello world")));

        TokenBudget budget = TokenBudget.forModel("llama3.1");
        String text = "Tokens are not words. ".repeat(10_000);
        String head = budget.truncate(text, 100, TokenBudget.Keep.HEAD);
        System.out.println("fits in llama3.1's window: " + budget.fits(text) + "; first 100 tokens: "
                + llama3.count(head) + " tokens, " + head.length() + " chars");

        if (args.length > 0) {
            Tokenizer file = Tokenizers.open(args[0]);
            System.out.println(Path.of(args[0]).getFileName() + " (" + Tokenizers.formatOf(Path.of(args[0])) + ", named "
                    + file.name() + "): Hello world = " + Arrays.toString(file.encode("Hello world")));
        }
    }
}
