package dev.tokenlab.tiktoken;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 600 seeded random adversarial strings per encoding (testdata/golden/random-*.tsv, written by
 * testdata/generate/run with tiktoken itself): whitespace runs, contractions, numbers, scripts,
 * letters newer than Java 17's Unicode, emoji sequences, special-token text and lone surrogates.
 */
class TiktokenRandomConformanceTest {

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "cl100k_base", "o200k_base"})
    void idsEqualTiktokenOnSeededRandomText(String encoding) throws Exception {
        Tokenizer t = Tokenizers.get(encoding);
        List<String> lines = Files.readAllLines(SharedData.testdata().resolve("golden/random-" + encoding + ".tsv"),
                StandardCharsets.UTF_8);
        int checked = 0;
        for (String line : lines.subList(2, lines.size())) { // after the two header lines
            int tab = line.lastIndexOf('\t');
            String text = EdgeCases.unescape(line.substring(0, tab), encoding + " random golden");
            String ids = line.substring(tab + 1);
            int[] want = ids.isEmpty() ? new int[0] : Arrays.stream(ids.split(" ")).mapToInt(Integer::parseInt).toArray();
            assertArrayEquals(want, t.encode(text), () -> encoding + " on " + line.substring(0, tab));
            checked++;
        }
        assertEquals(600, checked);
    }
}
