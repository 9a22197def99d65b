package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.vocab.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A SentencePiece tokenizer bundled in the core jar, declared as data: its name, the resource that
 * holds its model and that model's SHA-256, and where the vocabulary came from.
 *
 * @param name             registry name, for example {@code llama2}
 * @param family           the models that use it, for people
 * @param resource         class-path resource of the gzip-compressed {@code ModelProto}
 * @param vocabularySize   number of pieces, known without loading them
 * @param bundleSha256     SHA-256 of the uncompressed bundled model, checked when it is loaded
 * @param referenceSha256  SHA-256 of the original model file this bundle reproduces (Meta's
 *                         {@code tokenizer.model}); a file with this hash opened from disk is given
 *                         this name
 * @param source           where the vocabulary comes from, for {@code tokenlab models}
 */
public record SentencePieceSpec(String name, String family, String resource, int vocabularySize, String bundleSha256,
                                String referenceSha256, String source) {

    /** Loads, checks and builds the tokenizer; callers should cache it, as {@code Tokenizers} does. */
    public SentencePieceTokenizer create() {
        byte[] bytes = readResource();
        String sha = HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
        if (!sha.equals(bundleSha256)) {
            throw new TokenizerFormatException(resource, "SHA-256 " + sha + " differs from the declared " + bundleSha256
                    + "; the bundled model is damaged or was regenerated without updating SentencePieceEncodings");
        }
        return SentencePieceTokenizer.read(name, bytes, resource);
    }

    private byte[] readResource() {
        try (InputStream raw = SentencePieceSpec.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new TokenizerFormatException(resource, "resource not found on the class path");
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                byte[] bytes = in.readNBytes(64 << 20);
                if (in.read() != -1) {
                    throw new TokenizerFormatException(resource, "larger than 64 MB uncompressed; not a bundled model");
                }
                return bytes;
            }
        } catch (ZipException e) {
            throw new TokenizerFormatException(resource, "damaged compressed data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new TokenizerFormatException(resource, "cannot read: " + e.getMessage(), e);
        }
    }
}
