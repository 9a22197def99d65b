package dev.tokenlab.templates;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against jinja2 itself: {@code testdata/golden/chat} was rendered by {@code generate/chat-golden.py}
 * (jinja2 3.1 set up as transformers sets it up). Every one-construct snippet must render the same text or fail
 * with the same error; every dialog must render each shared model's template to the same prompt (or be refused
 * with the same message), and that prompt must tokenize to the Rust library's ids.
 */
class ChatTemplateConformanceTest {
    private static final List<String> MODELS = List.of("llama3", "qwen3", "deepseek_v3", "gemma3");
    private static final List<String> SPECIAL_TOKEN_KEYS = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");
    /** The generator's fixed clock. */
    private static final RenderOptions OPTIONS = RenderOptions.defaults().withNow(LocalDateTime.parse("2024-07-26T00:00:00"));
    private static final TokenizerOptions PROMPT = TokenizerOptions.defaults()
            .specialTokens(SpecialTokens.allowAll()).addSpecialTokens(false);

    @Test
    void everyConstructRendersAsJinja2() throws IOException {
        int count = checkSnippets("chat/constructs.json", "constructs", "golden/chat/constructs.jsonl", "construct");
        assertEquals(62, count, "constructs.json changed: update the count");
    }

    /** The engine's own regression net: hand-written, random-layout and random-expression snippets (engine-snippets.json). */
    @Test
    void everyEngineSnippetRendersAsJinja2() throws IOException {
        int count = checkSnippets("chat/engine-snippets.json", "snippets", "golden/chat/engine-snippets.jsonl", "snippet");
        assertTrue(count >= 1000, "only " + count + " snippets");
    }

    private static int checkSnippets(String file, String listKey, String goldenFile, String goldenKey) throws IOException {
        Path testdata = SharedData.testdata();
        Map<String, Object> spec = TestJson.object(Files.readString(testdata.resolve(file)));
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) spec.get("vars");
        Map<String, Map<String, Object>> golden = records(testdata.resolve(goldenFile), goldenKey);
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (Object c : (List<?>) spec.get(listKey)) {
            Map<?, ?> snippet = (Map<?, ?>) c;
            String name = (String) snippet.get("name");
            count++;
            String problem = check(name, (String) snippet.get("template"), vars, golden.get(name));
            if (problem != null) {
                failures.add(problem);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + count + " snippets of " + file + " differ from jinja2");
        return count;
    }

    @TestFactory
    List<DynamicTest> everyDialogRendersAndTokenizesAsTransformers() {
        return MODELS.stream().map(model -> DynamicTest.dynamicTest(model, () -> checkModel(model))).toList();
    }

    private static void checkModel(String model) throws IOException {
        Path shared = SharedData.require("models/hf/" + model);
        Map<String, Object> config = TestJson.object(Files.readString(shared.resolve("tokenizer_config.json")));
        ChatTemplate template = ChatTemplate.parse((String) config.get("chat_template"));
        Map<String, Object> tokens = specialTokens(config);
        Path testdata = SharedData.testdata();
        Map<String, Object> dialogs = TestJson.object(Files.readString(testdata.resolve("chat/dialogs.json")));
        Map<String, Map<String, Object>> golden = records(testdata.resolve("golden/chat/" + model + ".jsonl"), "dialog");
        Tokenizer tokenizer = Tokenizers.load(tokenizerFolder(model, shared), PROMPT);
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (Object d : (List<?>) dialogs.get("dialogs")) {
            Map<?, ?> dialog = (Map<?, ?>) d;
            String name = (String) dialog.get("name");
            Map<String, Object> expected = golden.get(name);
            Map<String, Object> variables = new HashMap<>();
            variables.put("messages", dialog.get("messages"));
            variables.put("tools", dialog.get("tools"));
            variables.put("documents", null);
            variables.put("add_generation_prompt", dialog.get("add_generation_prompt"));
            variables.putAll(tokens);
            if (dialog.get("vars") instanceof Map<?, ?> extra) {
                extra.forEach((k, v) -> variables.put((String) k, v));
            }
            count++;
            String problem = compare(name, template, variables, expected);
            if (problem != null) {
                failures.add(problem);
                continue;
            }
            if (expected.containsKey("ids")) {
                int[] want = ((List<?>) expected.get("ids")).stream().mapToInt(x -> ((Long) x).intValue()).toArray();
                int[] got = tokenizer.encode((String) expected.get("text"), SpecialTokens.allowAll());
                String rendered = template.render(variables, OPTIONS);
                int[] ours = tokenizer.encode(rendered, SpecialTokens.allowAll());
                if (!Arrays.equals(want, got) || !Arrays.equals(want, ours)) {
                    failures.add(name + ": ids differ: expected " + Arrays.toString(want) + ", got " + Arrays.toString(ours));
                }
            }
        }
        assertTrue(count >= 10, model + ": only " + count + " dialogs");
        assertEquals(List.of(), failures, model + ": " + failures.size() + " of " + count + " dialogs differ from transformers");
    }

    /**
     * The library entry point: {@link ModelChatTemplate} takes the template and the special tokens from the model's
     * files as core reads them, and gives the golden ids; each dialog's accounting adds up to its count.
     */
    @TestFactory
    List<DynamicTest> theModelsOwnTemplateGivesTheGoldenIds() {
        return MODELS.stream().map(model -> DynamicTest.dynamicTest(model, () -> {
            Path shared = SharedData.require("models/hf/" + model);
            Path testdata = SharedData.testdata();
            Map<String, Map<String, Object>> golden = records(testdata.resolve("golden/chat/" + model + ".jsonl"), "dialog");
            ModelChatTemplate chat = ModelChatTemplate.of(Tokenizers.load(tokenizerFolder(model, shared)));
            int checked = 0;
            for (Object d : (List<?>) TestJson.object(Files.readString(testdata.resolve("chat/dialogs.json"))).get("dialogs")) {
                Map<?, ?> dialog = (Map<?, ?>) d;
                Map<String, Object> expected = golden.get((String) dialog.get("name"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> messages = (List<Map<String, Object>>) dialog.get("messages");
                boolean generation = Boolean.TRUE.equals(dialog.get("add_generation_prompt"));
                Map<String, Object> vars = new HashMap<>();
                vars.put("tools", dialog.get("tools"));
                if (dialog.get("vars") instanceof Map<?, ?> extra) {
                    extra.forEach((k, v) -> vars.put((String) k, v));
                }
                if (!expected.containsKey("ids")) {
                    TemplateException e = assertThrows(TemplateException.class, () -> chat.encode(messages, generation, vars, OPTIONS));
                    assertTrue(sameError(expected, e), () -> model + " " + dialog.get("name") + ": " + e.getMessage());
                    continue;
                }
                int[] want = ((List<?>) expected.get("ids")).stream().mapToInt(x -> ((Long) x).intValue()).toArray();
                assertArrayEquals(want, chat.encode(messages, generation, vars, OPTIONS), () -> model + " " + dialog.get("name"));
                ModelChatTemplate.Accounting a;
                try {
                    a = chat.accounting(messages, generation, vars, OPTIONS);
                } catch (TemplateException e) {
                    continue; // a template may refuse a prefix of a chat it accepts whole (Gemma: the system message alone)
                }
                assertEquals(want.length, a.total(), () -> model + " " + dialog.get("name") + ": accounting total");
                assertEquals(a.total(), a.overhead() + a.messages().stream().mapToInt(Integer::intValue).sum());
                assertEquals(messages.size(), a.messages().size());
                checked++;
            }
            assertTrue(checked >= 8, model + ": only " + checked + " dialogs accounted");
        })).toList();
    }

    @Test
    void aModelWithoutATemplateSaysSoInOneLine() {
        TemplateException e = assertThrows(TemplateException.class, () -> ModelChatTemplate.of(Tokenizers.get("llama3")));
        assertEquals("ValueError: llama3 has no chat template (its files hold none); give one", e.getMessage());
    }

    /** The special tokens as transformers' special_tokens_map passes them (the generator's rule). */
    private static Map<String, Object> specialTokens(Map<String, Object> config) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String key : SPECIAL_TOKEN_KEYS) {
            Object value = config.get(key);
            if (value instanceof Map<?, ?> m) {
                value = m.get("content");
            }
            if (value instanceof String s && !s.isEmpty()) {
                tokens.put(key, s);
            }
        }
        if (config.get("additional_special_tokens") instanceof List<?> extra && !extra.isEmpty()) {
            tokens.put("additional_special_tokens", extra.stream().map(t -> t instanceof Map<?, ?> m ? m.get("content") : t).toList());
        }
        if (config.get("extra_special_tokens") instanceof Map<?, ?> extra) {
            extra.forEach((k, v) -> tokens.put((String) k, v instanceof Map<?, ?> m ? m.get("content") : v));
        }
        return tokens;
    }

    private static String check(String name, String source, Map<String, Object> vars, Map<String, Object> expected) {
        ChatTemplate template;
        try {
            template = ChatTemplate.parse(source);
        } catch (TemplateException e) {
            return expected != null && sameError(expected, e) ? null : name + ": does not parse: " + e.getMessage();
        }
        return compare(name, template, vars, expected);
    }

    private static String compare(String name, ChatTemplate template, Map<String, Object> vars, Map<String, Object> expected) {
        if (expected == null) {
            return name + ": no golden record";
        }
        String text;
        try {
            text = template.render(vars, OPTIONS);
        } catch (TemplateException e) {
            if (expected.get("error") instanceof Map<?, ?> error) {
                return sameError(expected, e) ? null
                        : name + ": expected error " + error.get("type") + ": " + error.get("message") + ", got " + e.getMessage();
            }
            return name + ": expected " + quote((String) expected.get("text")) + ", got error " + e.getMessage();
        } catch (RuntimeException e) {
            return name + ": crashed: " + e;
        }
        if (expected.containsKey("error")) {
            return name + ": expected error " + expected.get("error") + ", got " + quote(text);
        }
        String want = (String) expected.get("text");
        return want.equals(text) ? null : name + ": expected " + quote(want) + ", got " + quote(text);
    }

    /** The golden refusal is the same: jinja2's (or Python's) exception type and message. */
    private static boolean sameError(Map<String, Object> expected, TemplateException e) {
        return expected.get("error") instanceof Map<?, ?> error && error.get("type").equals(e.kind())
                && error.get("message").equals(e.reason());
    }

    private static String quote(String s) {
        return PyStrings.repr(s);
    }

    private static Map<String, Map<String, Object>> records(Path jsonl, String key) throws IOException {
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> record = TestJson.object(line);
            if (record.containsKey(key)) {
                records.put((String) record.get(key), record);
            }
        }
        return records;
    }

    /** The folder with tokenizer.json: the shared one, or a gunzipped copy under target/ (as core's HfModels). */
    private static Path tokenizerFolder(String model, Path shared) {
        if (Files.isRegularFile(shared.resolve("tokenizer.json"))) {
            return shared;
        }
        Path target = Path.of("target", "hf", model).toAbsolutePath();
        Path json = target.resolve("tokenizer.json");
        try {
            if (!Files.isRegularFile(json)) {
                Files.createDirectories(target);
                Path tmp = Files.createTempFile(target, "tokenizer", ".part");
                try (InputStream in = new GZIPInputStream(Files.newInputStream(shared.resolve("tokenizer.json.gz")))) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, json, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.copy(shared.resolve("tokenizer_config.json"), target.resolve("tokenizer_config.json"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
