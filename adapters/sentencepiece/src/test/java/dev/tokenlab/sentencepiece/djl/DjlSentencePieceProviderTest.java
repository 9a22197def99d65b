package dev.tokenlab.sentencepiece.djl;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.spi.TokenizerProvider;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DjlSentencePieceProviderTest {

    @Test
    void registeredThroughServiceLoader() {
        TokenizerProvider p = Tokenizers.providers().stream().filter(x -> x.engine().equals("sentencepiece")).findFirst()
                .orElseThrow();
        assertInstanceOf(DjlSentencePieceProvider.class, p);
        assertTrue(p.description().contains("DJL"), p.description());
    }

    @Test
    void openByNameNeedsAModelFile() {
        Assumptions.assumeTrue(System.getenv(DjlSentencePieceProvider.LLAMA2_ENV) == null, "TOKENLAB_LLAMA2_MODEL is set");
        TokenizerException e = assertThrows(TokenizerException.class, () -> new DjlSentencePieceProvider().open("llama2", TokenizerOptions.defaults()));
        assertEquals("the sentencepiece engine runs the C++ library on a .model file and Tokenlab does not ship Meta's; open a .model"
                + " file on this engine instead (-m PATH --engine sentencepiece), or set -Dtokenlab.llama2.model=PATH (or TOKENLAB_LLAMA2_MODEL)"
                + " to Llama 2's tokenizer.model to open it as llama2", e.getMessage());
        assertThrows(TokenizerNotFoundException.class, () -> new DjlSentencePieceProvider().open("llama3", TokenizerOptions.defaults()));
    }

    @Test
    void openByNameWithTheProperty() {
        RequireNative.library();
        Path model = SharedData.require("models/llama2/tokenizer.model");
        System.setProperty(DjlSentencePieceProvider.LLAMA2_PROPERTY, model.toString());
        try (DjlSentencePieceTokenizer t = (DjlSentencePieceTokenizer) new DjlSentencePieceProvider().open("llama2", TokenizerOptions.defaults())) {
            assertEquals("llama2", t.name());
            assertArrayEquals(new int[] {15043, 3186}, t.encode("Hello world"));
            assertTrue(t.nativeVersion().startsWith("0."), t.nativeVersion());
        } finally {
            System.clearProperty(DjlSentencePieceProvider.LLAMA2_PROPERTY);
        }
        System.setProperty(DjlSentencePieceProvider.LLAMA2_PROPERTY, model.resolveSibling("missing.model").toString());
        try {
            TokenizerException e = assertThrows(TokenizerException.class, () -> new DjlSentencePieceProvider().open("llama2", TokenizerOptions.defaults()));
            assertTrue(e.getMessage().startsWith("-Dtokenlab.llama2.model names "), e.getMessage());
        } finally {
            System.clearProperty(DjlSentencePieceProvider.LLAMA2_PROPERTY);
        }
    }

    @Test
    void loadsModelFilesAndDeclinesOtherFormats(@TempDir Path dir) throws IOException {
        RequireNative.library();
        Path model = SharedData.require("models/sentencepiece-test/test_model.model");
        Tokenizer t = Tokenizers.load(model, TokenizerOptions.defaults().engine("sentencepiece"));
        assertInstanceOf(DjlSentencePieceTokenizer.class, t);
        assertEquals("test_model", t.name());
        assertArrayEquals(Tokenizers.load(model).encode("I saw a girl."), t.encode("I saw a girl."));
        ((DjlSentencePieceTokenizer) t).close();
        TokenizerException closed = assertThrows(TokenizerException.class, () -> t.encode("x"));
        assertEquals("test_model (sentencepiece engine) is closed", closed.getMessage());

        Path ranks = dir.resolve("ranks.model");
        Files.writeString(ranks, "IQ== 0\nIg== 1\n");
        assertTrue(new DjlSentencePieceProvider().load(ranks, TokenizerOptions.defaults()).isEmpty());
        TokenizerException e = assertThrows(TokenizerException.class, () -> Tokenizers.load(ranks, TokenizerOptions.defaults().engine("sentencepiece")));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void specialTokenPolicyAndPieceTable() {
        RequireNative.library();
        Path model = SharedData.require("models/llama2/tokenizer.model");
        try (DjlSentencePieceTokenizer t = DjlSentencePieceTokenizer.open(model, "llama2")) {
            assertArrayEquals(new int[] {529, 29879, 29958}, t.encode("<s>"));
            assertArrayEquals(new int[] {1, 6324, 2}, t.encode("<s>Hi</s>", dev.tokenlab.SpecialTokens.allowAll()));
            assertEquals(1, t.bosId().getAsInt());
            assertEquals(2, t.eosId().getAsInt());
            assertTrue(t.isSpecial(0));
            assertArrayEquals(new byte[] {0}, t.tokenBytes(3)); // <0x00>, a byte piece
            assertEquals(" Hello", new String(t.tokenBytes(15043), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("Hello world", t.decode(new int[] {1, 15043, 3186, 2}));
            assertThrows(TokenizerException.class, () -> t.decode(new int[] {32_000}));
        }
    }
}
