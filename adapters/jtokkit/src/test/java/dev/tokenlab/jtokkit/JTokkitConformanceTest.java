package dev.tokenlab.jtokkit;

import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.pretokenize.UnicodeCategories;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Core gives JTokkit's ids: on every file of the shared corpus (532 UDHR languages, an English and a
 * Japanese novel), on the hand-written edge cases and on seeded random Unicode.
 *
 * <p>JTokkit classifies characters with the JVM's Unicode tables (13.0 on Java 17), tiktoken and core
 * with Unicode 16.0; where the two disagree on a character (letters added since Unicode 13), core
 * follows tiktoken (see the golden files), so such characters are left out here. So are lone UTF-16
 * surrogates: tiktoken encodes them as U+FFFD, JTokkit as "?" (custom encodings) or not at all (an
 * assertion in its cl100k parser).
 */
class JTokkitConformanceTest {
    private static final List<String> ENCODINGS = List.of("llama3", "cl100k_base", "o200k_base");

    @Test
    void theAdapterIsFoundThroughServiceLoader() {
        assertInstanceOf(JTokkitTokenizer.class, Tokenizers.get("llama3", TokenizerOptions.defaults().engine("jtokkit")));
        assertInstanceOf(JTokkitTokenizer.class, Tokenizers.get("gpt-4o", TokenizerOptions.defaults().engine("JTokkit")));
        assertEquals("jtokkit", Tokenizers.providers().stream().map(p -> p.engine()).filter("jtokkit"::equals).findFirst().orElseThrow());
    }

    @TestFactory
    List<DynamicTest> everyCorpusFileGivesJTokkitsIds() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String encoding : ENCODINGS) {
            Tokenizer core = Tokenizers.get(encoding);
            Tokenizer reference = Tokenizers.get(encoding, TokenizerOptions.defaults().engine("jtokkit"));
            tests.add(DynamicTest.dynamicTest(encoding + " on ../shared/corpus", () -> {
                List<Path> files = SharedData.corpusFiles();
                assertEquals(534, files.size(), "the shared corpus has 534 text files");
                for (Path file : files) {
                    String text = Files.readString(file);
                    assertArrayEquals(reference.encode(text), core.encode(text), () -> encoding + " differs on " + file);
                    assertEquals(reference.count(text), core.count(text), () -> encoding + " count differs on " + file);
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyEdgeCaseGivesJTokkitsIds() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String encoding : ENCODINGS) {
            for (EdgeCases.EdgeCase c : EdgeCases.load()) {
                if (!c.text().codePoints().allMatch(JTokkitConformanceTest::jvmAgrees)
                        || dev.tokenlab.internal.Utf8.hasLoneSurrogate(c.text())) {
                    // Newer than the JVM's Unicode, or a lone surrogate (JTokkit encodes it as "?" or fails an
                    // assertion; tiktoken and core use U+FFFD): the golden files hold tiktoken's ids.
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(encoding + ": " + c.name(), () -> {
                    Tokenizer core = Tokenizers.get(encoding);
                    Tokenizer reference = Tokenizers.get(encoding, TokenizerOptions.defaults().engine("jtokkit"));
                    assertArrayEquals(reference.encode(c.text()), core.encode(c.text()));
                    assertArrayEquals(reference.encode(c.text(), SpecialTokens.allowAll()), core.encode(c.text(), SpecialTokens.allowAll()));
                }));
            }
        }
        return tests;
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "cl100k_base", "o200k_base"})
    void seededRandomUnicodeGivesJTokkitsIds(String encoding) {
        Tokenizer core = Tokenizers.get(encoding);
        Tokenizer reference = Tokenizers.get(encoding, TokenizerOptions.defaults().engine("jtokkit"));
        Random random = new Random(1127);
        for (int n = 0; n < 3_000; n++) {
            String text = randomText(random);
            assertArrayEquals(reference.encode(text), core.encode(text), () -> encoding + " on " + EdgeCases.escape(text));
        }
    }

    @Test
    void specialTokenPoliciesAgree() {
        Tokenizer reference = Tokenizers.get("llama3", TokenizerOptions.defaults().engine("jtokkit"));
        Tokenizer core = Tokenizers.get("llama3");
        String text = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>";
        for (SpecialTokens policy : List.of(SpecialTokens.asText(), SpecialTokens.allowAll(),
                SpecialTokens.allow(Set.of("<|eot_id|>")))) {
            assertArrayEquals(reference.encode(text, policy), core.encode(text, policy), policy::toString);
        }
        SpecialTokenException e = assertThrows(SpecialTokenException.class, () -> reference.encode(text, SpecialTokens.disallowAll()));
        assertEquals(0, e.charOffset());
    }

    static boolean jvmAgrees(int cp) {
        return Character.getType(cp) == UnicodeCategories.category(cp);
    }

    /** Words, numbers, whitespace runs, punctuation and random code points the JVM classifies as Unicode 16 does. */
    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        String[] pieces = {" ", "  ", "\n", "\r\n", "\t", "'s", "'LL", "123", "45678", "...", "—", "😀", "é", "日本",
            "\u3000", "\u00A0", "Hello", " world", "JSONParser", "//", "\u0301"};
        for (int p = 0; p < parts; p++) {
            if (random.nextBoolean()) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            } else {
                int cp;
                do {
                    cp = random.nextInt(4) == 0 ? random.nextInt(Character.MAX_CODE_POINT + 1) : random.nextInt(0x3000);
                } while (!jvmAgrees(cp) || (cp >= 0xD800 && cp <= 0xDFFF));
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }
}
