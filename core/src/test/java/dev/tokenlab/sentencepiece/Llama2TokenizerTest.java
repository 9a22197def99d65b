package dev.tokenlab.sentencepiece;

import dev.tokenlab.Decoded;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerInfo;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.EdgeCases.EdgeCase;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled {@code llama2} tokenizer; needs no shared data. Ids are those of the C++ library. */
class Llama2TokenizerTest {
    static final Tokenizer LLAMA2 = Tokenizers.get("llama2");

    static List<EdgeCase> edgeCases() {
        return EdgeCases.load(SharedData.testdata().resolve("sentencepiece-edge-cases.txt"));
    }

    @Test
    void registeredAndBundled() {
        assertInstanceOf(SentencePieceTokenizer.class, LLAMA2);
        assertEquals("llama2", LLAMA2.name());
        assertEquals(32_000, LLAMA2.vocabularySize());
        assertEquals("llama2", ModelProfiles.get("llama2").tokenizer());
        TokenizerInfo info = Tokenizers.available().stream().filter(i -> i.name().equals("llama2")).findFirst().orElseThrow();
        assertTrue(info.available());
        assertEquals(32_000, info.vocabularySize());
        assertEquals(ModelType.BPE, ((SentencePieceTokenizer) LLAMA2).model().trainer().modelType());
    }

    @Test
    void knownIds() {
        assertArrayEquals(new int[] {15043, 3186}, LLAMA2.encode("Hello world"));
        assertArrayEquals(new int[] {29871, 15043}, LLAMA2.encode(" Hello"));
        assertArrayEquals(new int[] {15043, 29871, 3186}, LLAMA2.encode("Hello  world"));
        assertArrayEquals(new int[] {28859, 932, 3335}, LLAMA2.encode("unhappiness"));
        assertArrayEquals(new int[] {29871, 243, 162, 169, 156}, LLAMA2.encode("🦙"));
        assertArrayEquals(new int[] {29871, 241, 131, 131}, LLAMA2.encode("\uE000"));
        assertArrayEquals(new int[] {263, 12, 29890}, LLAMA2.encode("a\tb"));
        assertArrayEquals(new int[] {29871, 13}, LLAMA2.encode("\n"));
        assertArrayEquals(new int[] {259}, LLAMA2.encode(" "));
        assertArrayEquals(new int[] {259}, LLAMA2.encode("\u2581"));
        assertArrayEquals(new int[0], LLAMA2.encode(""));
    }

    @Test
    void specialTokenTextIsTextUnlessAllowed() {
        assertArrayEquals(new int[] {529, 29879, 29958}, LLAMA2.encode("<s>"));
        assertArrayEquals(new int[] {1, 6324, 2}, LLAMA2.encode("<s>Hi</s>", SpecialTokens.allowAll()));
        assertArrayEquals(new int[] {0}, LLAMA2.encode("<unk>", SpecialTokens.allowAll()));
        int[] onlyEos = LLAMA2.encode("<s>Hi</s>", SpecialTokens.allow(Set.of("</s>")));
        assertEquals(2, onlyEos[onlyEos.length - 1]);
        assertEquals(529, onlyEos[0]);
        SpecialTokenException e = assertThrows(SpecialTokenException.class,
                () -> LLAMA2.encode("ok </s>", SpecialTokens.disallowAll()));
        assertTrue(e.getMessage().contains("</s>"), e.getMessage());
        assertEquals(LLAMA2.encode("<s>Hi</s>", SpecialTokens.allowAll()).length, LLAMA2.count("<s>Hi</s>", SpecialTokens.allowAll()));
    }

    @Test
    void specialsBosEos() {
        assertEquals(Map.of("<unk>", 0, "<s>", 1, "</s>", 2), LLAMA2.specialTokens());
        assertEquals(1, LLAMA2.bosId().getAsInt());
        assertEquals(2, LLAMA2.eosId().getAsInt());
        assertTrue(LLAMA2.isSpecial(0) && LLAMA2.isSpecial(1) && LLAMA2.isSpecial(2));
        assertFalse(LLAMA2.isSpecial(3) || LLAMA2.isSpecial(15043) || LLAMA2.isSpecial(-1) || LLAMA2.isSpecial(32_000));
    }

    @Test
    void tokenBytes() {
        assertArrayEquals(" Hello".getBytes(StandardCharsets.UTF_8), LLAMA2.tokenBytes(15043));
        assertArrayEquals(new byte[] {0x00}, LLAMA2.tokenBytes(3));
        assertArrayEquals(new byte[] {(byte) 0xF0}, LLAMA2.tokenBytes(243));
        assertArrayEquals("<s>".getBytes(StandardCharsets.UTF_8), LLAMA2.tokenBytes(1));
        assertArrayEquals("<unk>".getBytes(StandardCharsets.UTF_8), LLAMA2.tokenBytes(0));
        TokenizerException e = assertThrows(TokenizerException.class, () -> LLAMA2.tokenBytes(32_000));
        assertEquals("id 32000 is not in the vocabulary of llama2 (valid ids are 0..31999)", e.getMessage());
        assertThrows(TokenizerException.class, () -> LLAMA2.decode(new int[] {-1}));
    }

    @Test
    void decodeFollowsTheCppLibrary() {
        assertEquals("Hello world", LLAMA2.decode(new int[] {1, 15043, 3186, 2}));
        assertEquals(" Hello", LLAMA2.decode(new int[] {1, 29871, 15043}));
        assertEquals("Hello", LLAMA2.decode(new int[] {15043}));
        assertEquals(" Hello Hello", LLAMA2.decode(new int[] {29871, 15043, 15043}));
        assertEquals(" \u2047 ", LLAMA2.decode(new int[] {0}));
        assertEquals("", LLAMA2.decode(new int[] {29871}));
        assertEquals(" ", LLAMA2.decode(new int[] {29871, 29871}));
        assertEquals("🦙", LLAMA2.decode(new int[] {29871, 243, 162, 169, 156}));
        // half an emoji: exact bytes from decodeBytes, one U+FFFD per invalid byte from decode (as C++)
        assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F}, LLAMA2.decodeBytes(new int[] {243, 162}));
        Decoded half = LLAMA2.decodeChecked(new int[] {243, 162});
        assertEquals("\uFFFD\uFFFD", half.text());
        assertFalse(half.lossless());
        assertEquals(2, half.replacedSequences());
        assertTrue(LLAMA2.decodeChecked(new int[] {15043}).lossless());
        // a control id between byte pieces splits the run, as in C++
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", LLAMA2.decode(new int[] {243, 162, 1, 169, 156}));
    }

    @Test
    void normalizeShowsWhatTheSegmenterSees() {
        assertEquals("\u2581Hello\u2581\u2581world", ((SentencePieceTokenizer) LLAMA2).normalize("Hello  world"));
        assertEquals("", ((SentencePieceTokenizer) LLAMA2).normalize(""));
    }

    @Test
    void loneSurrogatesEncodeAsReplacementCharacter() {
        assertArrayEquals(LLAMA2.encode("a\uFFFDb"), LLAMA2.encode("a\uD800b"));
        assertArrayEquals(LLAMA2.encode("\uFFFD"), LLAMA2.encode("\uDC00"));
    }

    @Test
    void sinkCanStopEarly() {
        List<Integer> seen = new ArrayList<>();
        LLAMA2.encode("one two three four five six", SpecialTokens.asText(), (id, s, e) -> {
            seen.add(id);
            return seen.size() < 3;
        });
        assertEquals(3, seen.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void edgeCaseInvariants(EdgeCase c) {
        String s = c.text();
        int[] ids = LLAMA2.encode(s);
        assertEquals(ids.length, LLAMA2.count(s));
        checkSpans(s, ids);
        if (s.indexOf('\u2581') < 0) {
            assertEquals(s, LLAMA2.decode(ids), "round trip");
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), LLAMA2.decodeBytes(ids));
        }
    }

    /** Spans: ids as encode gives them, ranges inside the text, in order, the last one ending at the end. */
    static void checkSpans(String s, int[] ids) {
        List<TokenSpan> spans = LLAMA2.tokenize(s);
        assertArrayEquals(ids, spans.stream().mapToInt(TokenSpan::id).toArray());
        int prevStart = 0;
        for (TokenSpan span : spans) {
            assertTrue(span.charStart() >= prevStart && span.charStart() <= span.charEnd() && span.charEnd() <= s.length(),
                    span + " in " + s.length());
            prevStart = span.charStart();
        }
        if (!s.isEmpty()) {
            assertEquals(s.length(), spans.get(spans.size() - 1).charEnd());
        }
    }

    @Test
    void randomTextRoundTrips() {
        Random random = new Random(4242);
        for (int t = 0; t < 3000; t++) {
            String s = RandomText.next(random);
            int[] ids = LLAMA2.encode(s);
            assertEquals(ids.length, LLAMA2.count(s), s);
            String expected = s.replace('\u2581', ' ');
            assertEquals(expected, LLAMA2.decode(ids), () -> "round trip of " + EdgeCases.escape(s));
        }
    }

    @Test
    void threadSafe() {
        Random random = new Random(7);
        List<String> texts = IntStream.range(0, 200).mapToObj(i -> RandomText.next(random).repeat(20)).toList();
        List<int[]> sequential = texts.stream().map(LLAMA2::encode).toList();
        List<int[]> parallel = texts.parallelStream().map(LLAMA2::encode).toList();
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(sequential.get(i), parallel.get(i));
        }
    }
}
