package dev.tokenlab.hf;

import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonReader;
import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.DeepSeekScanner;
import dev.tokenlab.pretokenize.O200kScanner;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.regex.RegexPreTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The split patterns of the shared byte-level models are the very strings core's hand-written scanners
 * stand for, so those models run on the scanners, not on the regex engine (the conformance tests prove
 * the ids either way; this proves the speed is not lost to a changed byte in a pattern).
 */
class DirectPathsTest {

    @ParameterizedTest
    @CsvSource({"llama3, LLAMA3", "qwen3, QWEN", "gptoss, O200K", "deepseek_v3, DEEPSEEK"})
    void theSharedModelsSplitOnCoresScanners(String model, String family) throws IOException {
        List<PreTokenizer> expected = switch (family) {
            case "LLAMA3" -> List.of(Cl100kScanner.LLAMA3);
            case "QWEN" -> List.of(Cl100kScanner.QWEN);
            case "O200K" -> List.of(O200kScanner.INSTANCE);
            default -> List.of(DeepSeekScanner.DIGITS, DeepSeekScanner.CJK, DeepSeekScanner.WORDS);
        };
        assertEquals(expected, splitPatterns(model).stream().map(DirectPaths::scanner).toList());
    }

    @Test
    void aPatternWithoutAScannerRunsOnTheRegexEngine() {
        assertInstanceOf(RegexPreTokenizer.class, DirectPaths.scanner("\\p{L}+|\\s+"));
    }

    private static List<String> splitPatterns(String model) throws IOException {
        JsonObject root = JsonReader.parseObject(Files.readAllBytes(HfModels.folder(model).resolve("tokenizer.json")), model);
        JsonObject pre = root.object("pre_tokenizer");
        List<String> patterns = new ArrayList<>();
        JsonArray steps = pre.string("type").equals("Sequence") ? pre.array("pretokenizers") : null;
        for (int i = 0; steps != null && i < steps.size(); i++) {
            JsonObject step = steps.object(i);
            if (step.string("type").equals("Split")) {
                patterns.add(step.object("pattern").string("Regex"));
            }
        }
        return patterns;
    }
}
