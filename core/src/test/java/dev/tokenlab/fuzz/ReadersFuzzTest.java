package dev.tokenlab.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;
import dev.tokenlab.testing.ModelBytes;
import dev.tokenlab.vocab.BundledRanks;
import dev.tokenlab.vocab.TiktokenRankReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Coverage-guided fuzzing of every reader of untrusted model files. The only exception allowed out
 * is {@link TokenizerFormatException}; anything else (an OutOfMemoryError from a length field, an
 * ArrayIndexOutOfBounds, a hang past Jazzer's timeout) is a finding.
 *
 * <p>A normal build replays the seeds and past crash inputs in {@code testdata/fuzz}; fuzzing for real:
 * {@code JAZZER_FUZZ=1 mvn -o -pl core test -Dtest=ReadersFuzzTest#rankFile} (see testdata/README.md).
 */
class ReadersFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void rankFile(byte[] data) {
        try {
            TiktokenRankReader.parse(data, "fuzz.tiktoken", null);
        } catch (TokenizerFormatException expected) {
            // documented
        }
    }

    @FuzzTest(maxDuration = "10s")
    void bundledRankTable(byte[] data) throws IOException {
        // Fuzz the table layout, not gzip's CRC: compress the input, then read it back.
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(data);
        }
        try {
            BundledRanks.read(new ByteArrayInputStream(gz.toByteArray()), "fuzz.ranks.gz");
        } catch (TokenizerFormatException expected) {
            // documented
        }
    }

    @FuzzTest(maxDuration = "10s")
    void anyModelFile(byte[] data) {
        try {
            ModelBytes.load(data, "fuzz.model");
        } catch (TokenizerFormatException expected) {
            // documented
        }
    }

    @FuzzTest(maxDuration = "10s")
    void sentencePieceModel(byte[] data) {
        try {
            SentencePieceTokenizer t = SentencePieceTokenizer.read("fuzz", data, "fuzz.model");
            // A model that loads must also encode and decode without surprises.
            t.decode(t.encode("Hello wörld, 123 😀\n  x"));
        } catch (TokenizerFormatException expected) {
            // documented
        }
    }
}
