package dev.tokenlab.cli.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.cli.input.JsonValues;
import dev.tokenlab.gguf.GgufWriter;
import dev.tokenlab.hf.HfModels;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenlab chat} with a model's own Jinja chat template, against the goldens of jinja2 set up as transformers
 * sets it up and the Rust tokenizers' ids ({@code testdata/generate/chat-golden.py}, {@code chat-golden.mjs}): for the
 * four shared models with a template, every dialog of the held-out {@code heldout-dialogs.json} (written after the
 * engine, never used to develop it), as a request file the way users send one, must give the golden ids
 * ({@code --format ids}) and the golden text ({@code --format text}), or be refused with the template's own message.
 * The development dialogs ({@code dialogs.json}) run through the CLI for Qwen3, whose template reads the most of a
 * request (tools, tool calls, thinking switches); the templates module's {@code ChatTemplateConformanceTest} checks
 * them for all four models in the library, where a model is loaded once rather than once per command.
 */
class ChatTemplateCommandTest {
    private static final List<String> MODELS = List.of("llama3", "qwen3", "deepseek_v3", "gemma3");
    private static final String DATE = "2024-07-26";

    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> everyDialogGivesTheGoldenIdsAndText() {
        return dialogTests(List.of("qwen3"), "dialogs.json", "golden/chat");
    }

    @TestFactory
    List<DynamicTest> everyHeldOutDialogGivesTheGoldenIdsAndText() {
        return dialogTests(MODELS, "heldout-dialogs.json", "golden/chat-heldout");
    }

    private List<DynamicTest> dialogTests(List<String> models, String dialogsFile, String goldenDir) {
        return models.stream().map(model -> DynamicTest.dynamicTest(model, () -> {
            Path folder = HfModels.folder(model);
            Path testdata = SharedData.testdata();
            Map<String, Map<String, Object>> golden = records(testdata.resolve(goldenDir).resolve(model + ".jsonl"));
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (Object d : (List<?>) object(testdata.resolve("chat").resolve(dialogsFile)).get("dialogs")) {
                Map<?, ?> dialog = (Map<?, ?>) d;
                String name = (String) dialog.get("name");
                Map<String, Object> expected = golden.get(name);
                Path request = writeRequest(dialog);
                Cli.Result ids = Cli.run("chat", "-m", folder.toString(), "--format", "ids", "--date", DATE, request.toString());
                Cli.Result text = Cli.run("chat", "-m", folder.toString(), "--format", "text", "--date", DATE, request.toString());
                checked++;
                if (expected.get("error") instanceof Map<?, ?> error) {
                    String verb = error.get("type").equals("TemplateError") ? "refuses the chat" : "fails on the chat";
                    String line = "tokenlab: " + request + ": the chat template " + verb + ": " + error.get("type") + ": "
                            + error.get("message") + " (line ";
                    for (Cli.Result r : List.of(ids, text)) {
                        if (r.exitCode() != 1 || !r.out().isEmpty() || r.errLines().length != 1 || !r.err().startsWith(line)) {
                            failures.add(name + ": expected exit 1 and " + line + "…, got " + r);
                        }
                    }
                    continue;
                }
                String wantIds = ((List<?>) expected.get("ids")).stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n";
                if (!new Cli.Result(0, wantIds, "").equals(ids)) {
                    failures.add(name + ": ids: " + ids);
                }
                if (!new Cli.Result(0, (String) expected.get("text"), "").equals(text)) {
                    failures.add(name + ": text: " + text);
                }
            }
            assertTrue(checked >= 7, model + ": only " + checked + " dialogs");
            assertEquals(List.of(), failures, model + ": " + failures.size() + " of " + checked + " dialogs of " + dialogsFile);
        })).toList();
    }

    /** The dialog as a request file: messages, tools, add_generation_prompt, template_kwargs (transformers' names). */
    private Path writeRequest(Map<?, ?> dialog) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("messages", dialog.get("messages"));
        if (dialog.get("tools") != null) {
            request.put("tools", dialog.get("tools"));
        }
        request.put("add_generation_prompt", dialog.get("add_generation_prompt"));
        if (dialog.get("vars") != null) {
            request.put("template_kwargs", dialog.get("vars"));
        }
        return Files.writeString(dir.resolve(dialog.get("name") + ".json"), json(request));
    }

    @Test
    void aModelWithoutATemplateIsOneLine() throws IOException {
        Path chat = Files.writeString(dir.resolve("c.json"), "[{\"role\":\"user\",\"content\":\"Hi\"}]");
        String mistral = HfModels.folder("mistral").toString();
        assertEquals(new Cli.Result(2, "", "tokenlab: model " + mistral + ": cannot use chat template functions because"
                        + " tokenizer.chat_template is not set and no --template was given (a FILE.jinja, or llama3|llama2);"
                        + " models with a built-in one: llama3, llama3.1, llama3.2, llama3.3, llama2\n"),
                Cli.run("chat", "-m", mistral, chat.toString()));
        assertEquals(2, Cli.run("chat", "-m", HfModels.folder("gptoss").toString(), chat.toString()).exitCode());
        assertEquals(2, Cli.run("chat", "-m", mistral, "--template-name", "tool_use", chat.toString()).exitCode());
        // --template gives one: a file, or a built-in format.
        Path template = Files.writeString(dir.resolve("t.jinja"), "{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}");
        assertEquals(new Cli.Result(0, "[user] Hi\n", ""), Cli.run("chat", "-m", mistral, "--template", template.toString(),
                "--format", "text", chat.toString()));
    }

    @Test
    void flagsOverTheFile() throws IOException {
        String qwen = HfModels.folder("qwen3").toString();
        Path plain = Files.writeString(dir.resolve("plain.json"), "[{\"role\":\"user\",\"content\":\"Hi\"}]");
        Path kwargs = Files.writeString(dir.resolve("kwargs.json"), "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"template_kwargs\":{\"enable_thinking\":false}}");
        String thinkingOff = "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n";
        assertEquals(new Cli.Result(0, thinkingOff, ""), Cli.run("chat", "-m", qwen, "--format", "text", kwargs.toString()));
        assertEquals(new Cli.Result(0, thinkingOff, ""),
                Cli.run("chat", "-m", qwen, "--format", "text", "--var", "enable_thinking=false", plain.toString()));
        // --var wins over template_kwargs; a value that is not JSON is a string (a non-empty string is true).
        assertEquals(new Cli.Result(0, "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", ""),
                Cli.run("chat", "-m", qwen, "--format", "text", "--var", "enable_thinking=true", kwargs.toString()));
        assertEquals(new Cli.Result(0, "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", ""),
                Cli.run("chat", "-m", qwen, "--format", "text", "--var", "enable_thinking=no", plain.toString()));
        // --no-generation-prompt over the file's add_generation_prompt.
        Path generation = Files.writeString(dir.resolve("gen.json"), "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"add_generation_prompt\":true}");
        assertEquals(new Cli.Result(0, "<|im_start|>user\nHi<|im_end|>\n", ""),
                Cli.run("chat", "-m", qwen, "--format", "text", "--no-generation-prompt", generation.toString()));
        // --tools over the file's tools: the same prompt as the tools in the file.
        String tools = "[{\"type\":\"function\",\"function\":{\"name\":\"now\",\"description\":\"The time\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{}}}}]";
        Path toolsFile = Files.writeString(dir.resolve("tools.json"), tools);
        Path withTools = Files.writeString(dir.resolve("with-tools.json"), "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"tools\":" + tools + "}");
        Cli.Result fromFile = Cli.run("chat", "-m", qwen, "--format", "text", withTools.toString());
        assertTrue(fromFile.out().contains("<tools>\n{\"type\": \"function\", \"function\": {\"name\": \"now\""), fromFile.out());
        assertEquals(fromFile, Cli.run("chat", "-m", qwen, "--format", "text", "--tools", toolsFile.toString(), plain.toString()));
        assertEquals(fromFile, Cli.run("chat", "-m", qwen, "--format", "text", "--tools",
                Files.writeString(dir.resolve("tools-object.json"), "{\"tools\":" + tools + "}").toString(), plain.toString()));
        assertEquals(new Cli.Result(1, "", "tokenlab: " + kwargs + ": --tools takes a JSON array of tool definitions"
                + " (or an object with \"tools\")\n"), Cli.run("chat", "-m", qwen, "--tools", kwargs.toString(), plain.toString()));
        assertEquals(new Cli.Result(2, "", "tokenlab: --var messages: the chat file sets it (and --tools, --no-generation-prompt)\n"),
                Cli.run("chat", "-m", qwen, "--var", "messages=[]", plain.toString()));
        assertEquals(new Cli.Result(2, "", "tokenlab: --var x: expected KEY=VALUE\n"),
                Cli.run("chat", "-m", qwen, "--var", "x", plain.toString()));
        assertEquals(new Cli.Result(2, "", "tokenlab: --date 26/07/2024: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]\n"),
                Cli.run("chat", "-m", qwen, "--date", "26/07/2024", plain.toString()));
    }

    @Test
    void dateFixesStrftimeNow() throws IOException {
        Path template = Files.writeString(dir.resolve("date.jinja"), "{{ strftime_now('%d %b %Y %H:%M') }}|{{ bos_token }}");
        Path chat = Files.writeString(dir.resolve("c.json"), "[]");
        String llama3 = HfModels.folder("llama3").toString();
        assertEquals(new Cli.Result(0, "26 Jul 2024 00:00|<|begin_of_text|>", ""), Cli.run("chat", "-m", llama3, "--template",
                template.toString(), "--date", "2024-07-26", "--format", "text", chat.toString()));
        assertEquals(new Cli.Result(0, "26 Jul 2024 10:30|<|begin_of_text|>", ""), Cli.run("chat", "-m", llama3, "--template",
                template.toString(), "--date", "2024-07-26T10:30", "--format", "text", chat.toString()));
    }

    @Test
    void templateFilesAndNamedTemplates() throws IOException {
        // A GGUF file with two templates (tokenizer.chat_template and tokenizer.chat_template.tool_use).
        Path gguf = GgufWriter.toyByteLevel("llama-bpe").write(dir.resolve("toy.gguf"));
        Path chat = Files.writeString(dir.resolve("c.json"), "{\"messages\":[{\"role\":\"user\",\"content\":\"ab\",\"name\":null}],"
                + "\"tools\":[{\"x\":1}]}");
        assertEquals(new Cli.Result(0, "[{'role': 'user', 'content': 'ab', 'name': None}]", ""),
                Cli.run("chat", "-m", gguf.toString(), "--format", "text", chat.toString()));
        assertEquals(new Cli.Result(0, "[{'x': 1}]", ""),
                Cli.run("chat", "-m", gguf.toString(), "--template-name", "tool_use", "--format", "text", chat.toString()));
        assertEquals(2, Cli.run("chat", "-m", gguf.toString(), "--template-name", "rag", chat.toString()).exitCode());
        // A template file over the model's own; the built-in names stay core's formats.
        Path template = Files.writeString(dir.resolve("t.jinja"), "{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}");
        String llama3 = HfModels.folder("llama3").toString();
        Path hi = Files.writeString(dir.resolve("hi.json"), "[{\"role\":\"user\",\"content\":\"Hi\"}]");
        assertEquals(new Cli.Result(0, "128000 13347\n", ""),
                Cli.run("chat", "-m", llama3, "--template", template.toString(), "--format", "ids", hi.toString()));
        assertEquals(new Cli.Result(0, "128000 128006 882 128007 271 13347 128009 128006 78191 128007 271\n", ""),
                Cli.run("chat", "-m", llama3, "--template", "llama3", "--format", "ids", hi.toString()));
        assertEquals(new Cli.Result(2, "", "tokenlab: --template nope.jinja: no such file (the built-in formats are llama3 and llama2)\n"),
                Cli.run("chat", "-m", llama3, "--template", "nope.jinja", hi.toString()));
        assertEquals(new Cli.Result(2, "", "tokenlab: give --template or --template-name, not both\n"),
                Cli.run("chat", "-m", llama3, "--template", "llama3", "--template-name", "x", hi.toString()));
        Path broken = Files.writeString(dir.resolve("broken.jinja"), "{% for m in messages %}");
        Cli.Result r = Cli.run("chat", "-m", llama3, "--template", broken.toString(), hi.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("tokenlab: " + broken + ": TemplateSyntaxError: ") && r.errLines().length == 1, r.err());
        // The built-in format takes no template variables.
        assertEquals(new Cli.Result(2, "", "tokenlab: --tools, --var, --date and --no-generation-prompt are for a Jinja chat template;"
                + " llama3.1 uses core's built-in llama3 format here\n"), Cli.run("chat", "-m", "llama3.1", "--var", "a=1", hi.toString()));
    }

    @Test
    void countAndJsonAddUp() throws IOException {
        Path chat = SharedData.testdata().resolve("chat/multilingual.json");
        String qwen = HfModels.folder("qwen3").toString();
        int ids = Cli.run("chat", "-m", qwen, "--format", "ids", chat.toString()).out().strip().split(" ").length;
        Map<String, Object> json = object(Cli.run("chat", "-m", qwen, "--format", "json", chat.toString()).out());
        assertEquals((long) ids, json.get("count"));
        long sum = (Long) json.get("overhead");
        for (Object m : (List<?>) json.get("messages")) {
            sum += (Long) ((Map<?, ?>) m).get("tokens");
        }
        assertEquals((long) ids, sum);
        assertEquals("default", json.get("template"));
        assertEquals("model", json.get("templateSource"));
        Cli.Result table = Cli.run("chat", "-m", qwen, chat.toString());
        assertEquals(0, table.exitCode());
        String[] lines = table.out().split("\n");
        assertTrue(lines[lines.length - 2].matches(" +total +" + ids), table.out());
        // Gemma 3 folds the system message into the first user turn: the system message alone renders only <bos>.
        Path system = Files.writeString(dir.resolve("s.json"), "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"}]");
        Map<String, Object> gemma = object(Cli.run("chat", "-m", HfModels.folder("gemma3").toString(), "--format", "json",
                system.toString()).out());
        assertEquals(List.of(Map.of("role", "system", "tokens", 1L), Map.of("role", "user", "tokens", 10L)), gemma.get("messages"));
        assertEquals(3L, gemma.get("overhead"));
        assertEquals(14L, gemma.get("count"));
        // A prefix the template refuses: that message's share is 0, and the next message carries it.
        Path refusing = Files.writeString(dir.resolve("refusing.jinja"), "{% if messages and messages[-1].role == 'system' %}"
                + "{{ raise_exception('a system message must be followed') }}{% endif %}"
                + "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}");
        Map<String, Object> carried = object(Cli.run("chat", "-m", qwen, "--template", refusing.toString(), "--format", "json",
                system.toString()).out());
        assertEquals(List.of(Map.of("role", "system", "tokens", 0L), Map.of("role", "user", "tokens",
                (long) Cli.run("chat", "-m", qwen, "--template", refusing.toString(), "--format", "ids", system.toString())
                        .out().strip().split(" ").length)), carried.get("messages"));
        assertEquals("refusing.jinja", Path.of((String) carried.get("template")).getFileName().toString());
        assertEquals("file", carried.get("templateSource"));
        // Budgets as for the built-in formats.
        Cli.Result over = Cli.run("chat", "-m", qwen, "--format", "ids", "--limit", "5", chat.toString());
        assertEquals(3, over.exitCode());
        assertEquals("tokenlab: over budget by " + (ids - 5) + " tokens: " + ids + " > 5 (--limit)\n", over.err());
    }

    private static String json(Object value) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            write(g, value);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof Double n) {
            g.writeNumber(n);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Path file) {
        try {
            return object(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return (Map<String, Object>) JsonValues.parse(json, "test");
    }

    private static Map<String, Map<String, Object>> records(Path jsonl) throws IOException {
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                Map<String, Object> record = object(line);
                if (record.containsKey("dialog")) {
                    records.put((String) record.get("dialog"), record);
                }
            }
        }
        return records;
    }
}
