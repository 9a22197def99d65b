package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.cli.render.JsonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code count}'s budget: the context window, --limit, --reserve, --context, --ollama-num-ctx, exit status 3. */
class CountBudgetTest {
    /** 132,306 llama3 tokens: "a" then 132,305 times " a". */
    private static final String OVER_LLAMA31 = "a" + " a".repeat(132_305);

    @TempDir
    Path dir;

    @Test
    void theExampleFromTheIssue() throws IOException {
        assertEquals(132_306, Tokenizers.get("llama3").count(OVER_LLAMA31));
        Path f = Files.writeString(dir.resolve("big.txt"), OVER_LLAMA31);
        assertEquals(new Cli.Result(3, "132306\n",
                        "tokenlab: over budget by 1,234 tokens: 132,306 > 131,072 (llama3.1 context window)\n"),
                Cli.run("count", "-m", "llama3.1", "--fit", "-f", f.toString()));
        assertEquals(new Cli.Result(3, "{\"model\":\"llama3.1\",\"tokenizer\":\"llama3\",\"engine\":\"core\","
                        + "\"contextWindow\":131072,\"limit\":131072,\"files\":[{\"path\":" + JsonOutput.quote(f.toString())
                        + ",\"tokens\":132306}],\"skipped\":[],\"total\":132306,\"overBy\":1234}\n",
                        "tokenlab: over budget by 1,234 tokens: 132,306 > 131,072 (llama3.1 context window)\n"),
                Cli.run("count", "-m", "llama3.1", "--fit", "-f", f.toString(), "--format", "json"));
    }

    @Test
    void withinBudgetIsExitZero() {
        assertEquals(new Cli.Result(0, "2\n", ""), Cli.run("count", "-m", "llama3.1", "Hello world"));
        assertEquals(new Cli.Result(0, "2\n", ""), Cli.run("count", "--limit", "2", "Hello world"));
    }

    @Test
    void limit() {
        assertEquals(new Cli.Result(3, "2\n", "tokenlab: over budget by 1 token: 2 > 1 (--limit)\n"),
                Cli.run("count", "--limit", "1", "Hello world"));
        // --limit works without a context window, and overrides the profile's.
        assertEquals(new Cli.Result(3, "2\n", "tokenlab: over budget by 2 tokens: 2 > 0 (--limit)\n"),
                Cli.run("count", "-m", "cl100k_base", "--limit", "0", "Hello world"));
        assertEquals("{\"model\":\"gpt-4o\",\"tokenizer\":\"o200k_base\",\"engine\":\"core\",\"contextWindow\":128000,"
                        + "\"limit\":1,\"files\":[{\"path\":null,\"tokens\":2}],\"skipped\":[],\"total\":2,\"overBy\":1}\n",
                Cli.run("count", "-m", "gpt-4o", "--limit", "1", "Hello world", "--format", "json").out());
    }

    @Test
    void reserve() {
        String text = "a" + " a".repeat(130_072); // 130,073 tokens
        assertEquals(new Cli.Result(3, "130073\n", "tokenlab: over budget by 1 token: 130,073 > 130,072"
                        + " (llama3.1 context window 131,072 less 1,000 reserved for the answer)\n"),
                Cli.runWithStdin(text, "count", "-m", "llama3.1", "--reserve", "1000"));
        assertEquals(0, Cli.runWithStdin(text, "count", "-m", "llama3.1", "--reserve", "999").exitCode());
        assertEquals(new Cli.Result(3, "2\n", "tokenlab: over budget by 1 token: 2 > 1"
                        + " (--context 10 less 9 reserved for the answer)\n"),
                Cli.run("count", "-m", "cl100k_base", "--context", "10", "--reserve", "9", "hello world"));
    }

    @Test
    void contextWindowFromTheCommandLine() {
        assertEquals(new Cli.Result(3, "2\n", "tokenlab: over budget by 1 token: 2 > 1 (--context)\n"),
                Cli.run("count", "-m", "cl100k_base", "--context", "1", "hello world"));
        // --context overrides the profile's window.
        assertEquals("{\"model\":\"llama3.1\",\"tokenizer\":\"llama3\",\"engine\":\"core\",\"contextWindow\":4,\"limit\":4,"
                        + "\"files\":[{\"path\":null,\"tokens\":2}],\"skipped\":[],\"total\":2,\"overBy\":0}\n",
                Cli.run("count", "-m", "llama3.1", "--context", "4", "Hello world", "--format", "json").out());
    }

    @Test
    void ollamaNumCtx() {
        assertEquals(new Cli.Result(3, "2\n", "tokenlab: over budget by 1 token: 2 > 1"
                        + " (Ollama num_ctx; Ollama silently truncates a prompt beyond it)\n"),
                Cli.run("count", "-m", "llama3.1", "--ollama-num-ctx", "1", "Hello world"));
        assertEquals(new Cli.Result(3, "2\n", "tokenlab: over budget by 1 token: 2 > 1"
                        + " (Ollama num_ctx 2,048 less 2,047 reserved for the answer; Ollama silently truncates a prompt beyond it)\n"),
                Cli.run("count", "--ollama-num-ctx", "2048", "--reserve", "2047", "Hello world"));
    }

    @Test
    void usageErrors() {
        assertEquals(new Cli.Result(2, "", "tokenlab: --reserve needs a context window: cl100k_base has no model profile;"
                + " give --context N (or a model such as llama3.1)\n"), Cli.run("count", "-m", "cl100k_base", "--reserve", "5", "hi"));
        assertEquals(new Cli.Result(2, "", "tokenlab: give --limit or --reserve, not both (--limit is absolute)\n"),
                Cli.run("count", "--limit", "5", "--reserve", "5", "hi"));
        assertEquals(new Cli.Result(2, "", "tokenlab: give --context or --ollama-num-ctx, not both\n"),
                Cli.run("count", "--context", "5", "--ollama-num-ctx", "5", "hi"));
        assertEquals(new Cli.Result(2, "", "tokenlab: --reserve 8,192 leaves nothing of the 8,192-token context window\n"),
                Cli.run("count", "--reserve", "8192", "hi"));
        assertEquals(new Cli.Result(2, "", "tokenlab: --context must be at least 1: 0\n"), Cli.run("count", "--context", "0", "hi"));
        assertEquals(new Cli.Result(2, "", "tokenlab: --limit must not be negative: -1\n"), Cli.run("count", "--limit", "-1", "hi"));
        assertEquals(2, Cli.run("count", "--limit", "lots", "hi").exitCode());
    }
}
