package dev.tokenlab.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.gguf.GgufFile;
import dev.tokenlab.gguf.GgufFormat;
import dev.tokenlab.gguf.GgufReader;
import dev.tokenlab.gguf.ollama.OllamaManifest;
import dev.tokenlab.gguf.ollama.OllamaParams;
import dev.tokenlab.testing.ByteArrayChannel;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

/**
 * Coverage-guided fuzzing of the GGUF reader (and the tokenizer built from what it reads) and of the Ollama
 * manifest and params readers. Only {@link TokenizerFormatException} may come out; anything else — an
 * OutOfMemoryError from a length field, an index out of bounds, a hang — is a finding. The GGUF reader checks every
 * length against the bytes left, so no input of n bytes makes it allocate much more than n.
 *
 * <p>A normal build replays the seeds in {@code testdata/fuzz/GgufFuzzTestInputs}; fuzzing for real: {@code .ci/fuzz}.
 */
class GgufFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void ggufFile(byte[] data) throws IOException {
        GgufFile file;
        try {
            file = GgufReader.read(new ByteArrayChannel(data), "fuzz.gguf");
        } catch (TokenizerFormatException expected) {
            return;
        }
        try {
            Tokenizer t = GgufFormat.tokenizer("fuzz", file, TokenizerOptions.defaults(), List.of(), OptionalInt.empty());
            int[] ids = t.encode("Hello wörld, 123 😀\n  x <s>[CLS]", SpecialTokens.allowAll());
            t.decodeBytes(ids);
            t.describe();
        } catch (TokenizerFormatException expected) {
            // documented: a vocabulary llama.cpp would refuse, or one Tokenlab does not read
        }
    }

    @FuzzTest(maxDuration = "10s")
    void ollamaManifest(byte[] data) {
        try {
            OllamaManifest m = OllamaManifest.parse(data, "fuzz-manifest");
            for (OllamaManifest.Layer l : m.layers()) {
                l.blobName();
            }
        } catch (TokenizerFormatException expected) {
            // documented
        }
        try {
            OllamaParams.parse(data, "fuzz-params");
        } catch (TokenizerFormatException expected) {
            // documented
        }
    }
}
