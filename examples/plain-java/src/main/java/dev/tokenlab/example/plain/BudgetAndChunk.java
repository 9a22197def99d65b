package dev.tokenlab.example.plain;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.Chunk;
import dev.tokenlab.budget.TokenBudget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two everyday jobs with tokenlab-core alone: does a prompt fit the model's context window once the answer's
 * share is set aside, and how does a file cut into pieces that each fit an embedding model's input.
 *
 * <pre>
 * examples/plain-java/run FILE
 * </pre>
 */
public final class BudgetAndChunk {
    private static final int ANSWER_TOKENS = 4_096;
    private static final int CHUNK_TOKENS = 512;
    private static final int CHUNK_OVERLAP = 64;

    private BudgetAndChunk() {
    }

    /** Budgets a prompt for Llama 3.1 and chunks the file named by the first argument by its tokens. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: run FILE");
            System.exit(2);
        }
        // The model's window (131,072 tokens for Llama 3.1), less what the answer may take.
        TokenBudget budget = TokenBudget.forModel("llama3.1").reserving(ANSWER_TOKENS);
        Tokenizer llama = budget.tokenizer();
        String prompt = "Summarize the following chapter in three sentences.";
        System.out.println("prompt: " + llama.count(prompt) + " tokens; fits: " + budget.fits(prompt)
                + "; room left: " + budget.remaining(prompt) + " of " + budget.limit());

        String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        System.out.println("file: " + text.length() + " chars, " + llama.count(text) + " tokens; fits: " + budget.fits(text));

        // Chunks of at most 512 tokens, each sharing up to 64 with the one before, cut at paragraph, sentence or
        // word boundaries; every chunk's count is its exact count when encoded alone.
        List<Chunk> chunks = budget.chunk(text, CHUNK_TOKENS, CHUNK_OVERLAP);
        int largest = chunks.stream().mapToInt(Chunk::tokens).max().orElse(0);
        Chunk first = chunks.get(0);
        System.out.println("chunks of <= " + CHUNK_TOKENS + " tokens: " + chunks.size() + "; largest " + largest
                + "; first: chars " + first.charStart() + ".." + first.charEnd() + ", " + first.tokens() + " tokens");
    }
}
