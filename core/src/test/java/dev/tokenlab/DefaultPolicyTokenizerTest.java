package dev.tokenlab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Tokenizer#withDefaultSpecialTokens}: another default policy, everything else the wrapped tokenizer's. */
class DefaultPolicyTokenizerTest {
    private static final Tokenizer STRICT = Tokenizers.open("llama3", TokenizerOptions.defaults().specialTokens(SpecialTokens.disallowAll()));

    @Test
    void theMethodsWithoutAPolicyUseTheNewDefault() {
        Tokenizer asText = STRICT.withDefaultSpecialTokens(SpecialTokens.asText());
        assertThrows(SpecialTokenException.class, () -> STRICT.count("<|eot_id|>"));
        assertEquals(7, asText.count("<|eot_id|>"));
        assertArrayEquals(new int[] {128009}, STRICT.withDefaultSpecialTokens(SpecialTokens.allowAll()).encode("<|eot_id|>"));
        assertEquals(SpecialTokens.asText(), asText.defaultSpecialTokens());
    }

    @Test
    void everythingElseIsTheWrappedTokenizers() {
        Tokenizer asText = STRICT.withDefaultSpecialTokens(SpecialTokens.asText());
        assertArrayEquals(new int[] {128009}, asText.encode("<|eot_id|>", SpecialTokens.allowAll()));
        assertEquals(STRICT.name(), asText.name());
        assertEquals(STRICT.vocabularySize(), asText.vocabularySize());
        assertEquals("unhappiness", asText.decode(new int[] {359, 71, 67391}));
        assertEquals(STRICT.specialTokens(), asText.specialTokens());
        assertEquals(STRICT.bosId(), asText.bosId());
    }

    @Test
    void neitherWrapsWhenNothingChangesNorWrapsAWrapper() {
        Tokenizer plain = Tokenizers.get("llama3");
        assertSame(plain, plain.withDefaultSpecialTokens(SpecialTokens.asText()));
        Tokenizer allow = STRICT.withDefaultSpecialTokens(SpecialTokens.allowAll());
        assertSame(STRICT, allow.withDefaultSpecialTokens(SpecialTokens.disallowAll()));
        assertThrows(NullPointerException.class, () -> plain.withDefaultSpecialTokens(null));
    }
}
