package dev.tokenlab.hf.decoders;

import dev.tokenlab.hf.pipeline.ByteLevelAlphabet;
import dev.tokenlab.hf.pipeline.Decoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code ByteLevel} decoder: each token spelled in GPT-2's alphabet becomes the bytes it stands
 * for; a token with a character outside the alphabet (an added token such as {@code <｜User｜>})
 * keeps its own UTF-8. The bytes of all tokens become one string, each maximal invalid UTF-8
 * subsequence one U+FFFD (Rust's lossy decoding). {@link #bytes} gives the exact bytes.
 */
public final class ByteLevelDecoder implements Decoder {

    @Override
    public List<String> decode(List<String> tokens) {
        return List.of(dev.tokenlab.Decoded.of(bytes(tokens)).text());
    }

    /** The bytes the tokens stand for, exactly. */
    public static byte[] bytes(List<String> tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String t : tokens) {
            byte[] b = ByteLevelAlphabet.bytesOf(t);
            out.writeBytes(b != null ? b : t.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "ByteLevel";
    }
}
