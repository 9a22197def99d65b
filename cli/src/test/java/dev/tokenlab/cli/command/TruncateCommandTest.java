package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.testing.EdgeCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruncateCommandTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    /** Mixed text: words, CJK, emoji (several tokens per character), code and newlines. */
    private static final String TEXT = "The quick brown fox — «naïve café» — jumps over 東京タワー 😀🧑🏽‍🚀.\n\n"
            + "def f(x):\n\treturn x ** 2  # squares\n" + "Lorem ipsum dolor sit amet, ".repeat(20) + "終わり。";

    @Test
    void head() {
        assertEquals(new Cli.Result(0, "unh", "tokenlab: kept 2 of 3 tokens (head)\n"), Cli.run("truncate", "-n", "2", "unhappiness"));
    }

    @Test
    void tail() {
        assertEquals(new Cli.Result(0, "appiness", "tokenlab: kept 1 of 3 tokens (tail)\n"),
                Cli.run("truncate", "-n", "1", "--keep", "tail", "unhappiness"));
    }

    @Test
    void middleKeepsBothEnds() {
        Cli.Result r = Cli.run("truncate", "-n", "20", "--keep", "middle", TEXT);
        assertTrue(LLAMA3.count(r.out()) <= 20, r.out());
        assertTrue(r.out().startsWith("The quick brown"), r.out());
        assertTrue(r.out().endsWith("終わり。"), r.out());
        assertEquals("tokenlab: kept " + LLAMA3.count(r.out()) + " of " + LLAMA3.count(TEXT) + " tokens (middle)\n", r.err());
    }

    @Test
    void textThatFitsIsPrintedExactlyWithoutANote(@TempDir Path dir) throws IOException {
        assertEquals(new Cli.Result(0, "unhappiness", ""), Cli.run("truncate", "-n", "3", "unhappiness"));
        Path f = Files.writeString(dir.resolve("t.txt"), "line one\r\nline two\n\n");
        assertEquals(new Cli.Result(0, "line one\r\nline two\n\n", ""), Cli.run("truncate", "-n", "100", "-f", f.toString()));
        assertEquals(new Cli.Result(0, "", ""), Cli.runWithStdin("", "truncate", "-n", "0"));
    }

    @Test
    void zeroTokens() {
        assertEquals(new Cli.Result(0, "", "tokenlab: kept 0 of 3 tokens (head)\n"), Cli.run("truncate", "-n", "0", "unhappiness"));
    }

    @Test
    void keptTextReEncodesToAtMostN() {
        for (String keep : new String[] {"head", "tail", "middle"}) {
            for (int n = 0; n <= 60; n += 3) {
                String out = Cli.run("truncate", "-n", String.valueOf(n), "--keep", keep, TEXT).out();
                assertTrue(LLAMA3.count(out) <= n, () -> keep + " " + EdgeCases.escape(out));
                if (keep.equals("head")) {
                    assertTrue(TEXT.startsWith(out), keep);
                } else if (keep.equals("tail")) {
                    assertTrue(TEXT.endsWith(out), keep);
                }
            }
        }
        String gpt = Cli.run("truncate", "-m", "gpt-4o", "-n", "7", TEXT).out();
        assertTrue(Tokenizers.get("o200k_base").count(gpt) <= 7);
    }

    @Test
    void usageErrors() {
        assertEquals(new Cli.Result(2, "", "tokenlab: -n must not be negative: -1\n"), Cli.run("truncate", "-n", "-1", "x"));
        assertTrue(Cli.run("truncate", "x").err().startsWith("tokenlab: Missing required option: '--max-tokens=N'"));
        assertEquals(2, Cli.run("truncate", "-n", "1", "--keep", "both", "x").exitCode());
        assertEquals(new Cli.Result(2, "", "tokenlab: truncate needs exact token offsets, which only the core engine reports;"
                + " drop --engine jtokkit\n"), Cli.run("truncate", "-n", "1", "--engine", "jtokkit", "x"));
    }
}
