package dev.tokenlab.tiktoken;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.internal.Utf8;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Properties every tiktoken-style tokenizer keeps, on random Unicode. */
class TiktokenPropertiesTest {
    private static final List<String> ENCODINGS = List.of("llama3", "cl100k_base", "o200k_base", "p50k_base", "r50k_base");

    /** Random Unicode: ASCII text and whitespace, Latin, CJK, emoji, marks, any code point, lone surrogates. */
    @Provide
    Arbitrary<String> unicode() {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(8, Arbitraries.of(0x20, 0x0A, 0x0D, 0x09, 0x3000, 0xA0, 0x27, 0x2F)),
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0xA0, 0x24F)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x300, 0x36F)),
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, Character.MAX_CODE_POINT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xD800, 0xDFFF)));
        return cp.list().ofMaxSize(120).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<Tokenizer> tokenizers() {
        return Arbitraries.of(ENCODINGS).map(Tokenizers::get);
    }

    @Property(tries = 600)
    void decodeOfEncodeGivesTheTextBack(@ForAll("tokenizers") Tokenizer t, @ForAll("unicode") String text) {
        String expected = Utf8.replaceLoneSurrogates(text);
        assertEquals(expected, t.decode(t.encode(text)));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), t.decodeBytes(t.encode(text)));
    }

    @Property(tries = 600)
    void countEqualsTheNumberOfIds(@ForAll("tokenizers") Tokenizer t, @ForAll("unicode") String text) {
        assertEquals(t.encode(text).length, t.count(text));
        assertEquals(t.encode(text, SpecialTokens.allowAll()).length, t.count(text, SpecialTokens.allowAll()));
    }

    @Property(tries = 400)
    void spansHaveTheIdsAndBytesOfEncodeAndCoverTheText(@ForAll("tokenizers") Tokenizer t, @ForAll("unicode") String text) {
        List<TokenSpan> spans = t.tokenize(text);
        assertArrayEquals(t.encode(text), spans.stream().mapToInt(TokenSpan::id).toArray());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int end = 0;
        for (TokenSpan s : spans) {
            bytes.writeBytes(s.bytes());
            // Spans start where the previous one ended, or share the character a split token sits in.
            assertEquals(true, s.charStart() <= end && s.charEnd() > s.charStart() && s.charStart() >= 0, s::toString);
            end = Math.max(end, s.charEnd());
        }
        assertEquals(text.length(), end);
        assertArrayEquals(Utf8.replaceLoneSurrogates(text).getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
    }

    @Property(tries = 200)
    void specialTokenTextRoundTripsUnderEveryPolicy(@ForAll("unicode") String before, @ForAll("unicode") String after,
                                                     @ForAll @IntRange(min = 0, max = 255) int special) {
        Tokenizer t = Tokenizers.get("llama3");
        String token = t.specialTokens().entrySet().stream().filter(e -> e.getValue() == 128000 + special)
                .findFirst().orElseThrow().getKey();
        String text = before + token + after;
        String clean = Utf8.replaceLoneSurrogates(text);
        assertEquals(clean, t.decode(t.encode(text)));
        int[] allowed = t.encode(text, SpecialTokens.allowAll());
        assertEquals(clean, t.decode(allowed));
        assertEquals(true, Arrays.stream(allowed).anyMatch(id -> id == 128000 + special));
        assertEquals(false, Arrays.stream(t.encode(text)).anyMatch(t::isSpecial));
    }
}
