package dev.tokenlab.cli.options;

import dev.tokenlab.cli.Cli;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -m as a name or a model file, and --engine. */
class ModelOptionsTest {
    @TempDir
    Path dir;

    @Test
    void unknownModelExits4WithSuggestions() {
        Cli.Result r = Cli.run("encode", "-m", "lama3", "hi");
        assertEquals(4, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("tokenlab: unknown model \"lama3\"; did you mean llama3"), r.err());
        assertEquals(1, r.errLines().length);
    }

    @Test
    void unknownEngineExits4WithSuggestions() {
        Cli.Result r = Cli.run("count", "--engine", "jtokit", "hi");
        assertEquals(4, r.exitCode());
        assertTrue(r.err().startsWith("tokenlab: unknown engine \"jtokit\"; did you mean"), r.err());
        assertTrue(r.err().contains("jtokkit"), r.err());
    }

    @Test
    void valuesThatLookLikePaths() {
        assertNull(ModelOptions.asFile("llama3"));
        assertNull(ModelOptions.asFile("gpt-4o"));
        assertNotNull(ModelOptions.asFile("./llama3"));
        assertNotNull(ModelOptions.asFile("tokenizer.model"));
        assertNotNull(ModelOptions.asFile("cl100k_base.tiktoken"));
    }

    @Test
    void missingModelFileIsAnError() {
        Path missing = dir.resolve("tokenizer.model");
        Cli.Result r = Cli.run("encode", "-m", missing.toString(), "hi");
        assertEquals(new Cli.Result(1, "", "tokenlab: " + missing + ": no such file\n"), r);
    }

    @Test
    void notAModelFileIsAnError() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.tiktoken"), "this is not a model\n");
        Cli.Result r = Cli.run("encode", "-m", junk.toString(), "hi");
        assertEquals(1, r.exitCode());
        assertEquals("tokenlab: " + junk + ": not a model file Tokenlab reads (it reads: tiktoken rank file, SentencePiece model, Hugging Face tokenizer.json, GGUF, Ollama model manifest)\n", r.err());
    }

    @Test
    void metaLlama3ModelFileGivesTheSameIds() {
        Path model = SharedData.require("models/llama3/tokenizer.model");
        assertEquals("359 71 67391\n", Cli.run("encode", "-m", model.toString(), "unhappiness").out());
    }
}
