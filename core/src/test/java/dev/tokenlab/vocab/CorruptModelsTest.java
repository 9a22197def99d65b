package dev.tokenlab.vocab;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.testing.ModelBytes;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real model file, damaged in the ways files get damaged (cut short at many points, bytes
 * flipped, zeroed, a length field inflated), is either still a valid model or rejected with one
 * {@link TokenizerFormatException} whose message is one line naming the file; nothing else escapes.
 * (The fuzz tests do the same coverage-guided; this runs on the real files.)
 */
class CorruptModelsTest {
    private static final List<String> MODELS = List.of("models/llama3/tokenizer.model", "models/llama2/tokenizer.model",
            "models/sentencepiece-test/test_model.model", "models/sentencepiece-test/test_ja_model.model",
            "models/llama4/tokenizer.model");

    @TestFactory
    List<DynamicTest> damagedModelsAreRejectedWithOneLine() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String model : MODELS) {
            tests.add(DynamicTest.dynamicTest(model, () -> {
                byte[] original = Files.readAllBytes(SharedData.require(model));
                Random random = new Random(model.hashCode());
                List<byte[]> damaged = new ArrayList<>();
                for (int k = 1; k <= 12; k++) {
                    damaged.add(Arrays.copyOf(original, (int) ((long) original.length * k / 13)));
                }
                for (int k = 0; k < 12; k++) {
                    byte[] b = original.clone();
                    int at = random.nextInt(b.length);
                    b[at] = (byte) (k < 6 ? b[at] ^ (1 << random.nextInt(8)) : 0xFF);
                    damaged.add(b);
                }
                byte[] zeroed = original.clone();
                Arrays.fill(zeroed, 1, Math.min(zeroed.length, 64), (byte) 0);
                damaged.add(zeroed);
                for (byte[] b : damaged) {
                    check(b);
                }
            }));
        }
        return tests;
    }

    private static void check(byte[] bytes) {
        try {
            ModelBytes.load(bytes, "damaged.model");
        } catch (TokenizerFormatException e) {
            assertTrue(e.getMessage().contains("-damaged.model: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
