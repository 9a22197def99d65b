package dev.tokenlab.sentencepiece;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.spi.ModelFormat;
import dev.tokenlab.spi.ModelSource;
import dev.tokenlab.vocab.Sha256;

import java.util.HexFormat;

/**
 * SentencePiece {@code .model} files (a protobuf {@code ModelProto}), recognised by their first bytes:
 * field 1 ({@code pieces}), whose first piece begins with its field 1 ({@code piece}). The model
 * carries everything needed to encode; a file whose SHA-256 is a bundled tokenizer's original (Meta's
 * Llama 2 {@code tokenizer.model}) is named after it, any other after the file.
 */
public final class SentencePieceFormat implements ModelFormat {

    @Override
    public String name() {
        return "SentencePiece model";
    }

    @Override
    public boolean recognizes(ModelSource source) {
        byte[] head = source.head();
        if (head.length < 3 || head[0] != 0x0A) { // ModelProto field 1 (pieces), length-delimited
            return false;
        }
        int i = 1;
        while (i < head.length && i < 6 && (head[i] & 0x80) != 0) { // the length, a varint
            i++;
        }
        return i + 1 < head.length && head[i + 1] == 0x0A; // SentencePiece field 1 (piece), length-delimited
    }

    @Override
    public Tokenizer load(ModelSource source, TokenizerOptions options) {
        byte[] bytes = source.readAll();
        String sha = HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
        String name = SentencePieceEncodings.byReferenceSha256(sha).map(SentencePieceSpec::name).orElse(source.name());
        return SentencePieceTokenizer.read(name, bytes, source.location()).withOptions(options);
    }
}
