package dev.tokenlab.regex;

import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.Gpt2Scanner;
import dev.tokenlab.pretokenize.O200kScanner;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The split patterns of real tokenizers match as {@code java.util.regex} does, on random text and on
 * the shared corpus (two novels and the UDHR in 532 languages), with every code point Java 17
 * classifies differently from Unicode 16.0 replaced by U+FFFD; and the hand-written scanners split the
 * whole corpus, unreplaced, exactly as the engine does.
 */
class RealPatternsTest {

    record Named(String name, String pattern) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The patterns, as tiktoken and the {@code tokenizer.json} files write them. */
    static Stream<Named> patterns() {
        return Stream.of(
                new Named("llama3", Cl100kScanner.LLAMA3_PATTERN),
                new Named("cl100k_base", Cl100kScanner.CL100K_PATTERN),
                new Named("o200k_base", O200kScanner.PATTERN),
                new Named("r50k_base", Gpt2Scanner.PATTERN),
                new Named("gpt2 ByteLevel", "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"),
                new Named("qwen2", "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                        + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
                new Named("deepseek_v3 digits", "\\p{N}{1,3}"),
                new Named("deepseek_v3 cjk", "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+"),
                // As the tokenizer.json holds it: CR and LF are literal characters inside the classes.
                new Named("deepseek_v3 words", "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+"
                        + "|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"),
                new Named("bert / Whitespace", "\\w+|[^\\w\\s]+"),
                new Named("WhitespaceSplit", "\\S+"),
                new Named("whitespace runs", "\\s+|\\S+"),
                new Named("Digits", "\\p{Nd}+"),
                new Named("Punctuation", "\\p{P}|[^\\p{P}]+"),
                new Named("Metaspace", "\u2581?[^\u2581]+|\u2581"));
    }

    /** Code points Java 17 and Unicode 16.0 classify alike, chosen to exercise every class above. */
    private static final int[] ALPHABET = {
        'a', 'b', 's', 't', 'm', 'd', 'r', 'e', 'v', 'l', 'S', 'T', 'M', 'D', 'R', 'E', 'V', 'L', 'A', 'Z',
        '\'', '\'', '0', '1', '9', ' ', ' ', ' ', '\t', '\n', '\r', '\u000B', '\u000C', '.', ',', '!', '/', '$', '_',
        '-', '(', ')', '"', '#', '[', ']', '\\', '^', '`', '{', '|', '~', '\u017F', '\u212A', '\u00A0', '\u3000',
        '\u0085', '\u2028', '\u2003', '\u0301', '\u20E3', '\u0903', '\u02B0', '\u01C5', '\u4E00', '\u9FA5',
        '\u3042', '\u30A2', '\u30FC', '\u3002', '\u00E9', '\u00DF', '\u0661', '\u00BD', '\u2167', '\u00B2', '\uFEFF',
        '\u200C', '\u200D', '\u2581', '\uFFFD', '\u0000', '\u2019', '\u24B6', '\uD800', '\uDC00', 0x1F600, 0x1D400,
        0x1D7CE, 0x20000, 0xE0100, 0x1F130,
    };

    @ParameterizedTest
    @MethodSource("patterns")
    void randomTextMatchesAsJavaDoes(Named named) {
        Regex ours = Regex.compile(named.pattern());
        JavaRegex java = JavaRegex.ofRustPattern(named.pattern());
        Random random = new Random(named.name().hashCode());
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(16);
            for (int k = 0; k < length; k++) {
                sb.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            assertSameMatches(named, ours, java, sb.toString());
        }
    }

    @Test
    void theAlphabetIsOneJavaAgreesOn() {
        for (int cp : ALPHABET) {
            assertEquals(true, JavaRegex.agrees(cp), () -> String.format("U+%04X", cp));
        }
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void theCorpusMatchesAsJavaDoes(Named named) {
        Regex ours = Regex.compile(named.pattern());
        JavaRegex java = JavaRegex.ofRustPattern(named.pattern());
        for (String text : corpus()) {
            assertSameMatches(named, ours, java, JavaRegex.sanitize(text));
        }
    }

    static Stream<Object[]> scanners() {
        return Stream.of(
                new Object[] {"llama3", Cl100kScanner.LLAMA3},
                new Object[] {"cl100k_base", Cl100kScanner.CL100K},
                new Object[] {"o200k_base", O200kScanner.INSTANCE},
                new Object[] {"r50k_base", Gpt2Scanner.INSTANCE});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanners")
    void theScannersSplitTheCorpusAsTheEngineDoes(String name, PreTokenizer scanner) {
        PreTokenizer engine = new RegexPreTokenizer(scanner.pattern());
        for (String text : corpus()) {
            List<int[]> expected = pieces(engine, text);
            List<int[]> actual = pieces(scanner, text);
            if (!JavaRegex.show(expected).equals(JavaRegex.show(actual))) {
                int i = 0;
                while (i < Math.min(expected.size(), actual.size()) && expected.get(i)[1] == actual.get(i)[1]) {
                    i++;
                }
                int at = i < actual.size() ? actual.get(i)[0] : text.length();
                String around = text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20));
                assertEquals(JavaRegex.show(expected.subList(i, Math.min(i + 3, expected.size()))),
                        JavaRegex.show(actual.subList(i, Math.min(i + 3, actual.size()))),
                        name + " near \"" + JavaRegex.escape(around) + "\"");
            }
        }
    }

    private static List<int[]> pieces(PreTokenizer p, String text) {
        List<int[]> out = new ArrayList<>();
        p.split(text, 0, text.length(), (s, e) -> out.add(new int[] {s, e}));
        return out;
    }

    private static void assertSameMatches(Named named, Regex ours, JavaRegex java, String text) {
        List<int[]> expected = java.findAll(text);
        assertSameMatches(named, expected, JavaRegex.findAll(ours, text), text, "");
        assertSameMatches(named, expected, JavaRegex.findAllMemoized(ours, text), text, " (memoized)");
    }

    private static void assertSameMatches(Named named, List<int[]> expected, List<int[]> actual, String text, String how) {
        if (!JavaRegex.show(expected).equals(JavaRegex.show(actual))) {
            String shown = text.length() > 200 ? "a text of " + text.length() + " chars" : "\"" + JavaRegex.escape(text) + "\"";
            int i = 0;
            while (i < Math.min(expected.size(), actual.size()) && expected.get(i)[0] == actual.get(i)[0]
                    && expected.get(i)[1] == actual.get(i)[1]) {
                i++;
            }
            assertEquals(JavaRegex.show(expected.subList(i, Math.min(i + 3, expected.size()))),
                    JavaRegex.show(actual.subList(i, Math.min(i + 3, actual.size()))),
                    named.name() + how + " on " + shown + ", from match " + i);
        }
    }

    private static List<String> corpus;

    /** Every text of the shared corpus (skips the test when it is absent). */
    private static synchronized List<String> corpus() {
        if (corpus == null) {
            List<String> texts = new ArrayList<>();
            for (Path file : SharedData.corpusFiles()) {
                try {
                    texts.add(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            corpus = texts;
        }
        return corpus;
    }
}
