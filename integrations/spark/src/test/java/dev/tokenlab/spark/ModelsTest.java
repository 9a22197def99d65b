package dev.tokenlab.spark;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The per-JVM cache: a model file is opened once per JVM, where core's own {@code Tokenizers.load} opens it on every call. */
class ModelsTest {

    @Test
    void aModelFileIsOpenedOncePerJvm() {
        Path file = SharedData.require("models/llama2/tokenizer.model");
        assertNotSame(Tokenizers.load(file), Tokenizers.load(file), "core does not cache files: the cache here is needed");
        assertSame(Models.tokenizer(file.toString()), Models.tokenizer(file.toString()));
    }

    @Test
    void aBundledNameIsCoresSharedTokenizer() {
        assertSame(Tokenizers.get("llama3"), Models.tokenizer("llama3"));
    }

    @Test
    void aMissingFileIsTokenlabsOneLineErrorAndIsNotCached() {
        String missing = "target/no-such-model/tokenizer.model";
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> Models.tokenizer(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertThrows(TokenizerFormatException.class, () -> Models.tokenizer(missing));
    }
}
