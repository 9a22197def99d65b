package dev.tokenlab.properties;

import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerInfo;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.internal.Utf8;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The properties every tokenizer core can build keeps, checked on each of them ({@link
 * Tokenizers#available()}: llama3, llama2 and the OpenAI encodings) with random Unicode — lone
 * surrogates and special-token text included.
 */
class BundledModelPropertiesTest {

    @Provide
    Arbitrary<Tokenizer> models() {
        return Arbitraries.of(Tokenizers.available().stream().filter(TokenizerInfo::available).map(TokenizerInfo::name).toList())
                .map(Tokenizers::get);
    }

    /** Random Unicode with the special-token texts of every model mixed in. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> codePoint = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(8, Arbitraries.of(0x20, 0x0A, 0x0D, 0x09, 0x3000, 0xA0, 0x2581)),
                Tuple.of(6, Arbitraries.integers().between(0xA0, 0x24F)),
                Tuple.of(5, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                Tuple.of(5, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
                Tuple.of(6, Arbitraries.integers().between(0, Character.MAX_CODE_POINT)),
                Tuple.of(1, Arbitraries.integers().between(0xD800, 0xDFFF))).map(cp -> new String(Character.toChars(cp)));
        Arbitrary<String> special = Arbitraries.of("<|eot_id|>", "<|begin_of_text|>", "<|endoftext|>", "<s>", "</s>", "<unk>", "<|");
        return Arbitraries.frequencyOf(Tuple.of(12, codePoint), Tuple.of(1, special)).list().ofMaxSize(60)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 500)
    void decodeGivesTheTextBack(@ForAll("models") Tokenizer t, @ForAll("text") String text) {
        String expected = Utf8.replaceLoneSurrogates(text);
        if (t.piece(0).isPresent()) {
            expected = expected.replace('\u2581', ' '); // SentencePiece writes spaces as ▁ and reads ▁ back as a space
        }
        assertEquals(expected, t.decode(t.encode(text)));
    }

    @Property(tries = 500)
    void countIsTheNumberOfIdsUnderEveryPolicy(@ForAll("models") Tokenizer t, @ForAll("text") String text) {
        for (SpecialTokens policy : List.of(SpecialTokens.asText(), SpecialTokens.allowAll())) {
            assertEquals(t.encode(text, policy).length, t.count(text, policy));
            assertArrayEquals(t.encode(text, policy), t.tokenize(text, policy).stream().mapToInt(s -> s.id()).toArray());
        }
    }

    @Property(tries = 500)
    void specialTokenTextFollowsThePolicy(@ForAll("models") Tokenizer t, @ForAll("text") String text) {
        boolean hasSpecialText = t.specialTokens().keySet().stream().anyMatch(text::contains);
        // As text: never a special id, whatever the text says.
        for (int id : t.encode(text)) {
            assertTrue(!t.isSpecial(id) || id == t.specialTokens().getOrDefault("<unk>", -1), () -> "special id " + id);
        }
        // Disallowed: fails exactly when special-token text is there, naming it where it is.
        try {
            t.encode(text, SpecialTokens.disallowAll());
            assertTrue(!hasSpecialText, "special-token text was not refused");
        } catch (SpecialTokenException e) {
            assertTrue(text.startsWith(e.token(), e.charOffset()), e::getMessage);
        }
        // Allowed: every special text becomes its id.
        long specials = java.util.Arrays.stream(t.encode(text, SpecialTokens.allowAll()))
                .filter(id -> t.specialTokens().containsValue(id)).count();
        assertEquals(hasSpecialText, specials > 0);
        // Allowed only some: the others stay text.
        Set<String> one = Set.of(t.specialTokens().keySet().iterator().next());
        assertEquals(t.encode(text, SpecialTokens.allow(one)).length, t.count(text, SpecialTokens.allow(one)));
    }

    @Property(tries = 3)
    void eightThreadsSharingATokenizerGetTheSequentialIds(@ForAll("models") Tokenizer t) throws Exception {
        List<String> texts = text().list().ofSize(150).sample();
        List<int[]> sequential = texts.stream().map(t::encode).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<int[]>>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                futures.add(pool.submit(() -> texts.stream().map(t::encode).toList()));
            }
            for (Future<List<int[]>> f : futures) {
                List<int[]> got = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(sequential.get(i), got.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
