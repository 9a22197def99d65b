package dev.tokenlab.hf;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonReader;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second half of {@code apply_chat_template}: a rendered chat prompt (from
 * {@code testdata/golden/chat/<model>.jsonl}, jinja2 as transformers sets it up) tokenized as transformers
 * tokenizes it — special-token text matched ({@code SpecialTokens.allowAll()}) and nothing added by the
 * post-processor ({@code add_special_tokens=False}) — must give the Rust library's ids exactly.
 */
class ChatPromptConformanceTest {
    private static final List<String> MODELS = List.of("llama3", "qwen3", "deepseek_v3", "gemma3");
    private static final TokenizerOptions PROMPT = TokenizerOptions.defaults()
            .specialTokens(SpecialTokens.allowAll()).addSpecialTokens(false);

    @TestFactory
    List<DynamicTest> everyRenderedPromptGivesTheRustIds() {
        return MODELS.stream().map(model -> DynamicTest.dynamicTest(model, () -> check(model))).toList();
    }

    private static void check(String model) throws IOException {
        Tokenizer tokenizer = Tokenizers.load(HfModels.folder(model), PROMPT);
        Path golden = SharedData.testdata().resolve("golden/chat/" + model + ".jsonl");
        List<String> failures = new ArrayList<>();
        int prompts = 0;
        for (String line : Files.readAllLines(golden, StandardCharsets.UTF_8)) {
            JsonObject record = JsonReader.parseObject(line.getBytes(StandardCharsets.UTF_8), golden.toString());
            if (record.has("meta") || record.has("error")) {
                continue;
            }
            prompts++;
            int[] expected = ids(record.array("ids"));
            int[] actual = tokenizer.encode(record.string("text"), SpecialTokens.allowAll());
            if (!Arrays.equals(expected, actual)) {
                failures.add(record.string("dialog") + ": expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
            }
        }
        assertTrue(prompts >= 10, model + ": only " + prompts + " rendered prompts in " + golden);
        assertEquals(List.of(), failures, model + ": " + failures.size() + " chat prompts differ");
    }

    private static int[] ids(JsonArray array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.integer(i);
        }
        return ids;
    }
}
