package dev.tokenlab;

import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entry point: names, profiles, options, engines, files, formats and schemes, and their errors. */
class TokenizersTest {
    private static final TokenizerOptions DEFAULTS = TokenizerOptions.defaults();

    @TempDir
    Path dir;

    @Test
    void namesAndProfilesGiveOneSharedTokenizer() {
        Tokenizer llama3 = Tokenizers.get("llama3");
        assertSame(llama3, Tokenizers.get(" LLaMA3.1 "));
        assertSame(llama3, Tokenizers.get("llama3", DEFAULTS));
        assertSame(Tokenizers.get("o200k_base"), Tokenizers.get("gpt-4o"));
        assertEquals("llama3", Tokenizers.canonicalName("llama3.3"));
        assertArrayEquals(new int[] {359, 71, 67391}, llama3.encode("unhappiness"));
    }

    @Test
    void anUnknownNameSaysWhatIsClose() {
        TokenizerNotFoundException e = assertThrows(TokenizerNotFoundException.class, () -> Tokenizers.get("lama3"));
        assertEquals("unknown model \"lama3\"; did you mean llama3, llama2?", e.getMessage());
        assertEquals(List.of("llama3", "llama2"), e.suggestions());
    }

    @Test
    void theDefaultPolicyOptionGovernsThePolicyLessMethods() {
        Tokenizer trusted = Tokenizers.get("llama3", DEFAULTS.specialTokens(SpecialTokens.allowAll()));
        assertArrayEquals(new int[] {128009}, trusted.encode("<|eot_id|>"));
        assertEquals(1, trusted.count("<|eot_id|>"));
        assertEquals(128009, trusted.tokenize("<|eot_id|>").get(0).id());
        assertArrayEquals(new int[] {27, 91, 68, 354, 851, 91, 29}, Tokenizers.get("llama3").encode("<|eot_id|>"));
        assertArrayEquals(new int[] {27, 91, 68, 354, 851, 91, 29}, trusted.encode("<|eot_id|>", SpecialTokens.asText()));

        Tokenizer strict = Tokenizers.get("llama2", DEFAULTS.specialTokens(SpecialTokens.disallowAll()));
        SpecialTokenException e = assertThrows(SpecialTokenException.class, () -> strict.encode("hi </s>"));
        assertEquals(3, e.charOffset());
    }

    @Test
    void metaSplitIsAnOptionOfTiktokenStyleTokenizersOnly() {
        Tokenizer meta = Tokenizers.get("llama3", DEFAULTS.metaSplit(true));
        assertNotSame(Tokenizers.get("llama3"), meta);
        String run = "ab".repeat(15_000);
        assertEquals(Tokenizers.get("llama3").count(run.substring(0, 25_000)) + Tokenizers.get("llama3").count(run.substring(25_000)),
                meta.count(run));
        TokenizerException e = assertThrows(TokenizerException.class, () -> Tokenizers.get("llama2", DEFAULTS.metaSplit(true)));
        assertEquals("Meta's long-run split is for tiktoken-style tokenizers (llama3, cl100k_base …), not llama2, a SentencePiece model",
                e.getMessage());
    }

    @Test
    void anUnknownEngineListsTheKnownOnes() {
        TokenizerNotFoundException e = assertThrows(TokenizerNotFoundException.class,
                () -> Tokenizers.get("llama3", DEFAULTS.engine("nope")));
        assertTrue(e.getMessage().startsWith("unknown engine \"nope\"; did you mean core"), e.getMessage());
    }

    @Test
    void aRankFileOpensAsTheDeclaredEncodingItIs() {
        Path meta = SharedData.require("models/llama3/tokenizer.model");
        assertSame(Tokenizers.get("llama3"), Tokenizers.load(meta));
        assertEquals("tiktoken rank file", Tokenizers.formatOf(meta));
        assertSame(Tokenizers.get("llama3"), Tokenizers.open(meta.toString()));
        Tokenizer trusted = Tokenizers.load(meta, DEFAULTS.specialTokens(SpecialTokens.allowAll()));
        assertArrayEquals(new int[] {128000}, trusted.encode("<|begin_of_text|>"));
    }

    @Test
    void aFormatPlugsInThroughServiceLoader() throws IOException {
        Path file = write("named.bin", "TLTEST llama2");
        assertEquals("test format", Tokenizers.formatOf(file));
        assertSame(Tokenizers.get("llama2"), Tokenizers.load(file));
        assertSame(Tokenizers.get("llama2"), Tokenizers.open(file.toString()));
    }

    @Test
    void aFileTwoFormatsClaimIsAmbiguous() throws IOException {
        Path file = write("both.bin", "TLBOTH llama2");
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(file));
        assertEquals(file + ": is ambiguous: it looks like test format and greedy test format", e.getMessage());
    }

    @Test
    void filesAndFoldersOfNoFormatAreOneLine() throws IOException {
        Path notes = write("notes.model", "just some notes\n");
        assertEquals(notes + ": not a model file Tokenlab reads (it reads: tiktoken rank file, SentencePiece model, Hugging Face tokenizer.json,"
                + " GGUF, Ollama model manifest, test format, greedy test format)", assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(notes)).getMessage());
        assertEquals(dir + ": a folder with no model Tokenlab reads (it reads: tiktoken rank file, SentencePiece model, Hugging Face tokenizer.json,"
                + " GGUF, Ollama model manifest, test format, greedy test format)", assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(dir)).getMessage());
        Path missing = dir.resolve("missing.model");
        assertEquals(missing + ": no such file", assertThrows(TokenizerFormatException.class, () -> Tokenizers.open(missing.toString())).getMessage());
    }

    @Test
    void schemesResolveNamesToFiles() throws IOException {
        write("mine.bin", "TLTEST cl100k_base");
        System.setProperty("tokenlab.testScheme", dir.toString());
        try {
            assertSame(Tokenizers.get("cl100k_base"), Tokenizers.open("test:mine.bin"));
            assertSame(Tokenizers.get("cl100k_base"), Tokenizers.open("TEST:mine.bin"));
            assertEquals("unknown test model \"other.bin\"",
                    assertThrows(TokenizerNotFoundException.class, () -> Tokenizers.open("test:other.bin")).getMessage());
        } finally {
            System.clearProperty("tokenlab.testScheme");
        }
        assertEquals("unknown scheme \"lmstudio:\"; did you mean hf:, ollama:, test:?",
                assertThrows(TokenizerNotFoundException.class, () -> Tokenizers.open("lmstudio:llama3.1")).getMessage());
        // core's own schemes first (hf: for the Hugging Face Hub, ollama: for Ollama's store), then the test-only one
        assertEquals(List.of("hf", "ollama", "test"), Tokenizers.schemes().stream().map(s -> s.scheme()).toList());
    }

    @Test
    void namesTheFacadeKnows() {
        List<String> names = Tokenizers.knownNames();
        assertEquals(List.of("llama3", "llama2", "cl100k_base", "o200k_base", "p50k_base", "r50k_base"), names.subList(0, 6));
        assertTrue(names.contains("gpt-4o") && names.contains("llama3.1"));
        assertEquals(names.subList(0, 6), Tokenizers.available().stream().map(TokenizerInfo::name).toList());
        assertTrue(Tokenizers.providers().stream().noneMatch(p -> p.engine().equals(Tokenizers.CORE)));
    }

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.US_ASCII));
    }
}
