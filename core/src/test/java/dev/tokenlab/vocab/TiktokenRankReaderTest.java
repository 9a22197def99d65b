package dev.tokenlab.vocab;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.testing.SharedData;
import dev.tokenlab.tiktoken.TiktokenEncodings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TiktokenRankReaderTest {

    @Test
    void theBundledLlama3TableIsExactlyMetasRankFile() {
        ByteVocabulary bundled = TiktokenEncodings.LLAMA3.ranks().get();
        assertEquals(128_000, bundled.size());
        assertEquals("82e9d31979e92ab929cd544440f129d9ecd797b69e327f80f17e1c50d5551b55",
                Sha256.hex(TiktokenRankReader.write(bundled)));
    }

    @Test
    void readsMetasTokenizerModelWithItsHash() {
        Path model = SharedData.require("models/llama3/tokenizer.model");
        ByteVocabulary fromFile = TiktokenRankReader.read(model, TiktokenEncodings.LLAMA3_SHA256);
        ByteVocabulary bundled = TiktokenEncodings.LLAMA3.ranks().get();
        for (int r = 0; r < bundled.size(); r++) {
            assertArrayEquals(bundled.tokenBytes(r), fromFile.tokenBytes(r));
        }
    }

    @Test
    void readsATinyFile() {
        ByteVocabulary v = parse("YQ== 0\nYg== 1\r\nYWI= 2\n");
        assertEquals(3, v.size());
        assertEquals(2, v.rank("ab".getBytes(StandardCharsets.US_ASCII), 0, 2));
    }

    @Test
    void reportsEachKindOfDamageWithItsLine() {
        assertError("x.tiktoken: line 2: expected \"BASE64 RANK\", found \"Yg==\"", "YQ== 0\nYg==\n");
        assertError("x.tiktoken: line 1: expected \"BASE64 RANK\", found \"YQ== 0 1\"", "YQ== 0 1\n");
        assertError("x.tiktoken: line 1: rank \"zero\" is not a number", "YQ== zero\n");
        assertError("x.tiktoken: line 2: rank 0 appears twice", "YQ== 0\nYg== 0\n");
        assertError("x.tiktoken: rank 5000 is far beyond the 2 ranks in the file; ranks must be nearly dense", "YQ== 0\nYg== 5000\n");
        assertError("x.tiktoken: line 1: rank is larger than 16777215", "YQ== 99999999999\n");
        assertError("x.tiktoken: token bytes of rank 1 repeat rank 0", "YQ== 0\nYQ== 1\n");
        assertError("x.tiktoken: no ranks: expected lines of \"BASE64 RANK\"", "\n\n");
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> parse("!!!! 0\n"));
        assertEquals("x.tiktoken: line 1: bad base64 (Illegal base64 character 21)", e.getMessage());
    }

    @Test
    void checksTheExpectedHash() {
        byte[] bytes = "YQ== 0\n".getBytes(StandardCharsets.US_ASCII);
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class,
                () -> TiktokenRankReader.parse(bytes, "x.tiktoken", "00"));
        assertEquals("x.tiktoken: SHA-256 is " + Sha256.hex(bytes) + ", expected 00", e.getMessage());
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.tiktoken");
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> TiktokenRankReader.read(missing, null));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void bundledReaderRejectsDamage(@TempDir Path dir) throws Exception {
        TokenizerFormatException notGzip = assertThrows(TokenizerFormatException.class,
                () -> BundledRanks.read(new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)), "r.gz"));
        assertEquals("r.gz: damaged compressed data (Not in GZIP format)", notGzip.getMessage());
        byte[] whole = Files.readAllBytes(resource());
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        TokenizerFormatException truncated = assertThrows(TokenizerFormatException.class,
                () -> BundledRanks.read(new ByteArrayInputStream(cut), "r.gz"));
        assertEquals("r.gz: truncated", truncated.getMessage());
    }

    private static Path resource() throws Exception {
        return Path.of(BundledRanks.class.getResource("llama3.ranks.gz").toURI());
    }

    private static ByteVocabulary parse(String text) {
        return TiktokenRankReader.parse(text.getBytes(StandardCharsets.US_ASCII), "x.tiktoken", null);
    }

    private static void assertError(String message, String text) {
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> parse(text));
        assertEquals(message, e.getMessage());
    }
}
