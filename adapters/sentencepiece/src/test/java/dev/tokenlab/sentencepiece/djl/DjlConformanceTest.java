package dev.tokenlab.sentencepiece.djl;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.sentencepiece.RandomText;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Core's pure-Java SentencePiece against the C++ library (DJL) on the three shared models: the ids of
 * every corpus file, whole and line by line, of the SentencePiece edge cases and of seeded random
 * text, and the decoded text where DJL's JNI can return it (no characters beyond the BMP, no NUL).
 * Also: the bundled {@code llama2} against the C++ library running Meta's file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DjlConformanceTest {
    static final String LLAMA2 = "models/llama2/tokenizer.model";
    static final String TEST_MODEL = "models/sentencepiece-test/test_model.model";
    static final String TEST_JA_MODEL = "models/sentencepiece-test/test_ja_model.model";

    private final Map<String, DjlSentencePieceTokenizer> references = new HashMap<>();

    @BeforeEach
    void nativeLibraryLoads() {
        RequireNative.library();
    }

    @AfterAll
    void close() {
        references.values().forEach(DjlSentencePieceTokenizer::close);
    }

    private DjlSentencePieceTokenizer reference(String model) {
        Path file = SharedData.require(model);
        return references.computeIfAbsent(model, m -> DjlSentencePieceTokenizer.open(file, m));
    }

    private static Tokenizer core(String model) {
        return Tokenizers.load(SharedData.require(model));
    }

    /** Whether DJL can hand this decoded text back through JNI's modified UTF-8 unharmed. */
    static boolean jniSafe(String s) {
        return s.codePoints().allMatch(c -> c != 0 && c < 0x10000);
    }

    @ParameterizedTest
    @ValueSource(strings = {LLAMA2, TEST_MODEL, TEST_JA_MODEL})
    void everyCorpusFileWhole(String model) throws IOException {
        Tokenizer ref = reference(model);
        Tokenizer core = core(model);
        for (Path file : SharedData.corpusFiles()) {
            String text = Files.readString(file);
            int[] expected = ref.encode(text);
            assertArrayEquals(expected, core.encode(text), () -> model + " on " + file);
            assertEquals(expected.length, core.count(text));
        }
    }

    /**
     * Long texts, where the best path's score (a float) is large and coarse: a Unigram word's path
     * can then differ from its path at the start of a text (core must not reuse the latter).
     */
    @ParameterizedTest
    @ValueSource(strings = {TEST_MODEL, TEST_JA_MODEL})
    void longTexts(String model) throws IOException {
        Tokenizer ref = reference(model);
        Tokenizer core = core(model);
        String botchan = Files.readString(SharedData.require("corpus/botchan.txt"));
        String wagahai = Files.readString(SharedData.require("corpus/wagahaiwa_nekodearu.txt"));
        for (String text : List.of(botchan.repeat(3), wagahai.repeat(2), botchan + wagahai + botchan)) {
            int[] expected = ref.encode(text);
            assertArrayEquals(expected, core.encode(text), () -> model + " on a text of " + text.length() + " characters");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LLAMA2, TEST_MODEL, TEST_JA_MODEL})
    void corpusLineByLine(String model) throws IOException {
        Tokenizer ref = reference(model);
        Tokenizer core = core(model);
        List<Path> files = SharedData.corpusFiles();
        int checked = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = file.getFileName().toString();
            if (!name.equals("botchan.txt") && !name.equals("wagahaiwa_nekodearu.txt") && i % 25 != 0) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                int[] expected = ref.encode(line);
                assertArrayEquals(expected, core.encode(line), () -> model + " on a line of " + file + ": " + line);
                if (checked++ % 7 == 0 && jniSafe(ref.decode(expected))) {
                    assertEquals(ref.decode(expected), core.decode(expected), () -> "decode of a line of " + file);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LLAMA2, TEST_MODEL, TEST_JA_MODEL})
    void edgeCases(String model) {
        Tokenizer ref = reference(model);
        Tokenizer core = core(model);
        for (EdgeCases.EdgeCase c : EdgeCases.load(SharedData.testdata().resolve("sentencepiece-edge-cases.txt"))) {
            int[] expected = ref.encode(c.text());
            assertArrayEquals(expected, core.encode(c.text()), () -> model + " on " + c.name());
            String decoded = ref.decode(expected);
            if (jniSafe(c.text()) && jniSafe(decoded)) {
                assertEquals(decoded, core.decode(expected), () -> model + " decoding " + c.name());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LLAMA2, TEST_MODEL, TEST_JA_MODEL})
    void seededRandomText(String model) {
        Tokenizer ref = reference(model);
        Tokenizer core = core(model);
        Random random = new Random(model.hashCode());
        for (int t = 0; t < 3000; t++) {
            String s = RandomText.next(random);
            int[] expected = ref.encode(s);
            assertArrayEquals(expected, core.encode(s), () -> model + " on " + EdgeCases.escape(s));
            String decoded = ref.decode(expected);
            if (jniSafe(s) && jniSafe(decoded)) {
                assertEquals(decoded, core.decode(expected), () -> model + " decoding " + EdgeCases.escape(s));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LLAMA2, TEST_MODEL})
    void randomIdSequencesDecodeAlike(String model) {
        Tokenizer ref = reference(model);
        Tokenizer core = core(model);
        Random random = new Random(99);
        int n = core.vocabularySize();
        for (int t = 0; t < 3000; t++) {
            int[] ids = random.ints(random.nextInt(8), 0, n).map(id -> random.nextInt(3) == 0 ? id % 300 : id).toArray();
            String mine = core.decode(ids);
            if (jniSafe(mine)) {
                assertEquals(ref.decode(ids), mine, () -> java.util.Arrays.toString(ids));
            }
        }
    }

    @Test
    void bundledLlama2MatchesTheCppLibraryOnMetasModel() throws IOException {
        Tokenizer ref = reference(LLAMA2);
        Tokenizer bundled = Tokenizers.get("llama2");
        for (Path file : SharedData.corpusFiles()) {
            String text = Files.readString(file);
            assertArrayEquals(ref.encode(text), bundled.encode(text), file.toString());
        }
    }
}
