package dev.tokenlab.cli;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tokenlab.cli.render.JsonSchemas;
import dev.tokenlab.hf.HfModels;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code --format json} output conforms to its JSON Schema ({@code tokenlab schema COMMAND}, the
 * one description of it): real runs of every command, over the shapes each can take, validated with
 * networknt's json-schema-validator (draft 2020-12). The schemas forbid keys they do not name, so a new
 * key must be documented there first.
 */
class JsonSchemaTest {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private static Schema schema(String command) {
        return SCHEMAS.computeIfAbsent(command, c -> REGISTRY.getSchema(JsonSchemas.of(c), InputFormat.JSON));
    }

    /** Validates each line of {@code r}'s stdout against {@code command}'s schema (exit 0, or 3: over budget). */
    private static void conforms(String command, Cli.Result r) {
        assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.err());
        assertFalse(r.out().isBlank(), "some output");
        for (String line : r.out().split("\n")) {
            List<Error> errors = schema(command).validate(line, InputFormat.JSON);
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), command + ": " + line);
        }
    }

    private static void conforms(String command, String... args) {
        conforms(command, Cli.run(args));
    }

    @Test
    void everyCommandWithJsonHasASchemaAndTheSchemaCommandPrintsIt() {
        for (String command : JsonSchemas.COMMANDS) {
            Cli.Result r = Cli.run("schema", command);
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(JsonSchemas.of(command), r.out());
            assertTrue(r.out().contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""), command);
            schema(command); // it loads
        }
        assertEquals(2, Cli.run("schema", "decode").exitCode());
    }

    @Test
    void aKeyTheSchemaDoesNotNameIsAnError() {
        String line = Cli.run("encode", "hi", "--format", "json").out().strip();
        assertTrue(schema("encode").validate(line, InputFormat.JSON).isEmpty());
        String extra = line.substring(0, line.length() - 1) + ",\"extra\":1}";
        assertFalse(schema("encode").validate(extra, InputFormat.JSON).isEmpty());
        String missing = line.replace("\"engine\":\"core\",", "");
        assertFalse(schema("encode").validate(missing, InputFormat.JSON).isEmpty());
    }

    @Test
    void explain() {
        conforms("explain", "explain", "unhappiness", "--format", "json");
        conforms("explain", "explain", "😀 x\n", "-m", "llama3", "--format", "json");
        conforms("explain", "explain", "", "--format", "json");
        conforms("explain", "explain", "🦙 unhappiness", "-m", "llama2", "--format", "json");
        conforms("explain", "explain", "--levels", "I love machine learning!", "--format", "json");
        conforms("explain", "explain", "--levels", "東京 hi", "-m", "llama2", "--format", "json");
        Path unigram = SharedData.require("models/sentencepiece-test/test_model.model");
        conforms("explain", "explain", "Hello 日本", "-m", unigram.toString(), "--format", "json");
        conforms("explain", "explain", "unhappiness", "-m", unigram.toString(), "--format", "json", "--nbest", "3");
    }

    /** explain on tokenizer.json models: BPE by merge rank (byte-level, characters, added tokens, left-out characters), WordPiece, Unigram. */
    @Test
    void explainTokenizerJson() {
        String llama3 = HfModels.folder("llama3").toString();
        String mistral = HfModels.folder("mistral").toString();
        String bert = HfModels.folder("bert").toString();
        conforms("explain", "explain", "unhappiness", "-m", llama3, "--format", "json");
        conforms("explain", "explain", "😀 x\n<|eot_id|> Hello world", "-m", llama3, "--format", "json");
        conforms("explain", "explain", "Hi 🦙 unhappiness", "-m", mistral, "--format", "json");
        conforms("explain", "explain", "", "-m", mistral, "--format", "json");
        conforms("explain", "explain", "<b>hi</b> 🦙", "-m", HfModels.folder("gemma3").toString(), "--format", "json");
        conforms("explain", "explain", "unaffable unhappiness, Héllo ☃x " + "a".repeat(101), "-m", bert, "--format", "json");
        conforms("explain", "explain", "", "-m", bert, "--format", "json");
        conforms("explain", "explain", "--levels", "unhappiness 🦙", "-m", bert, "--format", "json");
        Path synthetic = SharedData.testdata().resolve("hf-synthetic");
        conforms("explain", "explain", "aé xyz", "-m", synthetic.resolve("bpe-no-unk.json").toString(), "--format", "json");
        conforms("explain", "explain", "unhappiness is qz <s>", "-m", synthetic.resolve("unigram.json").toString(), "--format", "json");
        conforms("explain", "explain", "xyé🙂 ab", "-m", synthetic.resolve("unigram-byte-fallback.json").toString(), "--format", "json",
                "--nbest", "3");
        conforms("show", "show", "unhappiness 🦙 [UNK]", "-m", String.join(",", llama3, mistral, bert), "--format", "json");
        conforms("compare", "compare", "unhappiness 🦙 東京", "-m", String.join(",", llama3, mistral, bert), "--format", "json");
    }

    @Test
    void encode() {
        conforms("encode", "encode", "unhappiness", "--format", "json");
        conforms("encode", "encode", "hi 😀", "-m", "llama2", "--format", "json", "--bos", "--eos");
        conforms("encode", "encode", "<|eot_id|>", "--special", "allow", "--format", "json");
        conforms("encode", "encode", "hello", "-m", "cl100k_base", "--engine", "jtokkit", "--format", "json");
        conforms("encode", "encode", "", "--format", "json");
    }

    @Test
    void count(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "Hello world");
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        conforms("count", "count", "Hello world", "--format", "json");
        conforms("count", "count", "-f", dir.toString(), "--format", "json");
        conforms("count", "count", "-m", "llama3.1", "--reserve", "100", "-f", dir.toString(), "--format", "json");
        Cli.Result over = Cli.run("count", "-m", "cl100k_base", "--limit", "1", "hello world", "--format", "json");
        assertEquals(3, over.exitCode(), over.err());
        conforms("count", over);
        conforms("count", Cli.runWithStdin("hi", "count", "--format", "json"));
    }

    @Test
    void chunkModelsChatShowCompare(@TempDir Path dir) throws IOException {
        conforms("chunk", "chunk", "-n", "2", "Hello world, again");
        conforms("models", "models", "--format", "json");
        conforms("models", "models", "-m", "llama3", "--format", "json");
        conforms("models", "models", "-m", SharedData.require("models/hf/mistral").toString(), "--format", "json");
        for (String dialog : List.of("code.json", "multilingual.json", "tool.json")) {
            conforms("chat", "chat", "-m", "llama3.1", "--format", "json", SharedData.testdata().resolve("chat").resolve(dialog).toString());
        }
        conforms("chat", "chat", "-m", "llama2", "--format", "json", SharedData.testdata().resolve("chat/code.json").toString());
        conforms("chat", "chat", "-m", dev.tokenlab.hf.HfModels.folder("qwen3").toString(), "--format", "json",
                SharedData.testdata().resolve("chat/multilingual.json").toString());
        Files.writeString(dir.resolve("t.jinja"), "{% for m in messages %}{{ m.content }}{% endfor %}");
        conforms("chat", "chat", "-m", "llama3.1", "--template", dir.resolve("t.jinja").toString(), "--format", "json",
                SharedData.testdata().resolve("chat/code.json").toString());
        conforms("show", "show", "😀 x", "-m", "llama3,llama2,o200k_base", "--format", "json");
        conforms("show", "show", "<|eot_id|> 東京", "-m", "llama2", "--format", "json");
        Files.writeString(dir.resolve("en.txt"), "I love machine learning!");
        Files.writeString(dir.resolve("ja.txt"), "東京は日本の首都です。");
        Files.writeString(dir.resolve("INDEX.tsv"), "file\tlang\tname\nja.txt\tja\tJapanese\n");
        conforms("compare", "compare", "hi there", "-m", "llama3,llama2", "--format", "json");
        conforms("compare", "compare", dir.toString(), "-m", "llama3,llama2,cl100k_base", "--format", "json");
        conforms("compare", "compare", "", "-m", "llama3,llama2", "--format", "json");
    }

    /** cli/README.md points to every schema file, and every file it points to exists. */
    @Test
    void theReadmeLinksTheSchemas() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> unlinked = new ArrayList<>();
        for (String command : JsonSchemas.COMMANDS) {
            String link = "(src/main/resources" + JsonSchemas.resource(command) + ")";
            if (!readme.contains(link)) {
                unlinked.add(link);
            }
            assertTrue(Files.isRegularFile(Path.of("src/main/resources" + JsonSchemas.resource(command))), command);
        }
        assertEquals(List.of(), unlinked);
    }
}
