package dev.tokenlab.tiktoken;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.EdgeCases.EdgeCase;
import dev.tokenlab.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every edge case of testdata/edge-cases.txt gives exactly the ids tiktoken itself gives
 * (testdata/golden, written by testdata/generate/run), for every bundled tiktoken-style encoding.
 */
class TiktokenGoldenConformanceTest {
    private static final List<String> ENCODINGS = List.of("llama3", "cl100k_base", "o200k_base", "p50k_base", "r50k_base");

    @Test
    void thereAreAtLeast150EdgeCasesAndEachHasAGoldenRow() {
        List<EdgeCase> cases = EdgeCases.load();
        assertTrue(cases.size() >= 150, "only " + cases.size() + " edge cases");
        for (String encoding : ENCODINGS) {
            assertEquals(cases.stream().map(EdgeCase::name).toList(), List.copyOf(Golden.load(encoding).keySet()),
                    encoding + ".tsv is stale: run testdata/generate/run");
        }
    }

    @TestFactory
    List<DynamicTest> idsEqualTiktoken() {
        List<DynamicTest> tests = new ArrayList<>();
        List<EdgeCase> cases = EdgeCases.load();
        for (String encoding : ENCODINGS) {
            Map<String, Golden.Row> golden = Golden.load(encoding);
            for (EdgeCase c : cases) {
                tests.add(DynamicTest.dynamicTest(encoding + ": " + c.name(), () -> {
                    Tokenizer t = Tokenizers.get(encoding);
                    Golden.Row want = golden.get(c.name());
                    assertArrayEquals(want.ordinary(), t.encode(c.text()), () -> "got " + Arrays.toString(t.encode(c.text())));
                    assertArrayEquals(want.allowed(), t.encode(c.text(), SpecialTokens.allowAll()));
                    assertEquals(want.ordinary().length, t.count(c.text()));
                    assertEquals(want.allowed().length, t.count(c.text(), SpecialTokens.allowAll()));
                }));
            }
        }
        return tests;
    }
}
