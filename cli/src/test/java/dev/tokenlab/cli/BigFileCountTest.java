package dev.tokenlab.cli;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.exit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code count -f HUGE} runs in bounded memory and gives the exact count: a generated file of text
 * lines is counted by a separate JVM with a small heap, and compared with the sum of counting it in
 * pieces cut at newlines. Every line starts with a letter, digit or symbol (never whitespace), so a cut
 * after a newline is one where no Llama 3 piece can cross, and the pieces' counts add up to the
 * whole's (the test also checks that on a prefix, in one piece).
 *
 * <p>The normal suite counts ~50 MB with {@code -Xmx64m} (the text alone would take 100 MB as a Java
 * string). The ~2 GB run with {@code -Xmx256m} takes minutes and runs only with
 * {@code -Dtokenlab.bigTests=true}:
 * <pre>
 * mvn -B -o -pl core,adapters/jtokkit,cli verify -Dtest=BigFileCountTest -Dsurefire.failIfNoSpecifiedTests=false -Dtokenlab.bigTests=true
 * </pre>
 */
class BigFileCountTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    @TempDir
    Path dir;

    @Test
    void fiftyMegabytesIn64MegabytesOfHeap() throws Exception {
        countInASeparateJvm(50_000_000L, "-Xmx64m");
    }

    @Test
    @EnabledIfSystemProperty(named = "tokenlab.bigTests", matches = "true",
            disabledReason = "counts a generated 2 GB file (minutes): opt-in with -Dtokenlab.bigTests=true;"
                    + " the normal suite counts 50 MB the same way")
    void twoGigabytesIn256MegabytesOfHeap() throws Exception {
        countInASeparateJvm(2_000_000_000L, "-Xmx256m");
    }

    private void countInASeparateJvm(long bytes, String heap) throws Exception {
        Path file = dir.resolve("big.txt");
        long expected = generate(file, bytes, new Random(2024));
        assertTrue(Files.size(file) >= bytes);

        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-cp", System.getProperty("java.class.path"), TokenlabCommand.class.getName(), "count", "-f", file.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("count did not finish within an hour");
        }
        assertEquals(expected + "\n", Files.readString(out));
        assertEquals("", Files.readString(err));
        assertEquals(ExitCodes.OK, p.exitValue());
    }

    /**
     * Writes lines drawn from a pool of distinct lines until the file has {@code bytes} bytes; returns
     * the sum of the lines' counts (each line counted once, with its newline, and remembered).
     */
    static long generate(Path file, long bytes, Random random) throws IOException {
        List<String> pool = pool(random);
        byte[][] encoded = new byte[pool.size()][];
        long[] counts = new long[pool.size()];
        for (int i = 0; i < pool.size(); i++) {
            encoded[i] = pool.get(i).getBytes(StandardCharsets.UTF_8);
            counts[i] = LLAMA3.count(pool.get(i));
        }
        long written = 0;
        long total = 0;
        StringBuilder prefix = new StringBuilder();
        long prefixCount = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < bytes) {
                int i = random.nextInt(pool.size());
                out.write(encoded[i]);
                written += encoded[i].length;
                total += counts[i];
                if (prefix.length() < 1_000_000) {
                    prefix.append(pool.get(i));
                    prefixCount += counts[i];
                }
            }
        }
        assertEquals(LLAMA3.count(prefix.toString()), prefixCount, "lines are cut where no piece crosses");
        return total;
    }

    /** About a thousand distinct lines: prose in several scripts, numbers, code, emoji, and a few very long lines. */
    private static List<String> pool(Random random) {
        String[] words = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dogs", "naïve", "café", "Straße",
            "東京", "吾輩は猫である", "名前はまだ無い", "Привет", "мир", "مرحبا", "بالعالم", "नमस्ते", "दुनिया", "😀", "🧑🏽‍🚀",
            "12345", "3.14159", "x", "I'm", "they'll", "don't", "foo_bar", "camelCase", "http://example.com/a?b=c",
            "{", "}", "();", "=>", "  ", "\t", "--", "...", "!!!", "«", "»", "—", "'s", "0x1F"};
        String[] starts = {"A", "Z", "a", "m", "1", "9", "#", "(", "[", "\"", "-", "*", "東", "П", "م", "😀", "é", "_", "<", "."};
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            StringBuilder line = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = n % 250 == 0 ? 5_000 + random.nextInt(5_000) : random.nextInt(40);
            for (int k = 0; k < length; k++) {
                if (random.nextInt(4) > 0) {
                    line.append(' ');
                }
                line.append(words[random.nextInt(words.length)]);
            }
            if (n % 333 == 0) {
                line.append("終".repeat(20_000)); // a long run with no safe cut inside it
            }
            if (random.nextInt(10) == 0) {
                line.append("   "); // trailing spaces before the newline
            }
            line.append(random.nextInt(20) == 0 ? "\r\n" : "\n");
            lines.add(line.toString());
        }
        return lines;
    }
}
