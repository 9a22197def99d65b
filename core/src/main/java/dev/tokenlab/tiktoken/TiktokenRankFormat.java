package dev.tokenlab.tiktoken;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.spi.ModelFormat;
import dev.tokenlab.spi.ModelSource;
import dev.tokenlab.vocab.Sha256;
import dev.tokenlab.vocab.TiktokenRankReader;

import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * tiktoken rank files ({@code BASE64 RANK} lines), recognised by their first line. A rank file holds
 * neither the pre-tokenizer pattern nor the special tokens, so only the files of declared encodings
 * open: found by SHA-256 among {@link TiktokenEncodings#ALL}, they give that encoding's shared tokenizer.
 */
public final class TiktokenRankFormat implements ModelFormat {

    @Override
    public String name() {
        return "tiktoken rank file";
    }

    @Override
    public boolean recognizes(ModelSource source) {
        byte[] head = source.head();
        return head.length > 0 && looksLikeRankLine(head);
    }

    @Override
    public Tokenizer load(ModelSource source, TokenizerOptions options) {
        byte[] bytes = source.readAll();
        String sha = HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
        TiktokenSpec spec = TiktokenEncodings.byRankSha256(sha).orElse(null);
        if (spec == null) {
            ByteVocabulary vocab = TiktokenRankReader.parse(bytes, source.location(), null); // reports corruption first
            throw new TokenizerFormatException(source.location(), "a tiktoken rank file with " + vocab.size()
                    + " ranks, but not one Tokenlab knows (SHA-256 " + sha + "); a rank file does not say its"
                    + " pre-tokenizer pattern or special tokens. Known: "
                    + TiktokenEncodings.ALL.stream().map(TiktokenSpec::name).collect(Collectors.joining(", ")));
        }
        return TiktokenEncodings.tokenizer(spec).withOptions(options);
    }

    /** A first line of base64 (at most 1,024 characters), one space and a decimal rank. */
    private static boolean looksLikeRankLine(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && i < 1024 && isBase64(bytes[i])) {
            i++;
        }
        if (i == 0 || i >= bytes.length || bytes[i] != ' ') {
            return false;
        }
        int j = i + 1;
        while (j < bytes.length && bytes[j] >= '0' && bytes[j] <= '9') {
            j++;
        }
        return j > i + 1 && (j == bytes.length || bytes[j] == '\n' || bytes[j] == '\r');
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '=';
    }
}
