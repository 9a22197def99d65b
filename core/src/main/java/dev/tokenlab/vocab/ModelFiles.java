package dev.tokenlab.vocab;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.sentencepiece.SentencePieceEncodings;
import dev.tokenlab.sentencepiece.SentencePieceSpec;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;
import dev.tokenlab.tiktoken.TiktokenEncodings;
import dev.tokenlab.tiktoken.TiktokenSpec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Opens model files, telling their format from their bytes: a tiktoken rank file
 * ({@code BASE64 RANK} lines) is recognised by its SHA-256 among the declared encodings, whose
 * patterns and special tokens a rank file does not carry; a SentencePiece {@code .model} (protobuf
 * {@code ModelProto}) carries everything and is read as it is, named after a bundled tokenizer when
 * its SHA-256 is that tokenizer's original (Meta's Llama 2 model is {@code llama2}), else after the file.
 */
public final class ModelFiles {
    /** Model files larger than this are refused before reading (the largest real one is under 10 MB). */
    public static final long MAX_MODEL_BYTES = 512L << 20;

    private ModelFiles() {
    }

    /** The format a file's first bytes show. */
    public enum Format {
        TIKTOKEN_RANKS, SENTENCEPIECE, UNKNOWN
    }

    /** Reads a model file's bytes, with errors that say which file and why. */
    public static byte[] readAll(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new TokenizerFormatException(file.toString(), "is a directory, not a model file");
            }
            long size = Files.size(file);
            if (size > MAX_MODEL_BYTES) {
                throw new TokenizerFormatException(file.toString(), "is " + size + " bytes; no model file is that large");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerFormatException(file.toString(), "no such file");
        } catch (AccessDeniedException e) {
            throw new TokenizerFormatException(file.toString(), "permission denied");
        } catch (IOException e) {
            throw new TokenizerFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** Tells the format from the first bytes. */
    public static Format detect(byte[] bytes) {
        if (bytes.length > 0 && looksLikeRankLine(bytes)) {
            return Format.TIKTOKEN_RANKS;
        }
        if (bytes.length > 1 && bytes[0] == 0x0A) { // ModelProto field 1 (pieces), length-delimited
            return Format.SENTENCEPIECE;
        }
        return Format.UNKNOWN;
    }

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

    /** A file's name without its extension ({@code tokenizer.model → tokenizer}). */
    /** The file name without its folders and extension: the name of a model loaded from a path. */
    private static String stem(String source) {
        Path name = Path.of(source).getFileName();
        String s = name == null ? source : name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '=';
    }

    /**
     * Opens a model file on core's engine.
     *
     * @throws TokenizerFormatException if the file is missing, unreadable, corrupt, or of no known format
     */
    public static Tokenizer load(Path file) {
        return load(readAll(file), file.toString());
    }

    /**
     * Opens a model from its bytes; {@code source} names it in error messages.
     *
     * @throws TokenizerFormatException if the bytes are corrupt or of no known format
     */
    public static Tokenizer load(byte[] bytes, String source) {
        switch (detect(bytes)) {
            case TIKTOKEN_RANKS: {
                String sha = HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
                TiktokenSpec spec = TiktokenEncodings.byRankSha256(sha).orElse(null);
                if (spec == null) {
                    ByteVocabulary vocab = TiktokenRankReader.parse(bytes, source, null); // reports corruption first
                    throw new TokenizerFormatException(source, "a tiktoken rank file with " + vocab.size()
                            + " ranks, but not one Tokenlab knows (SHA-256 " + sha + "); a rank file does not say its"
                            + " pre-tokenizer pattern or special tokens. Known: llama3, cl100k_base, o200k_base, p50k_base, r50k_base");
                }
                return Tokenizers.get(spec.name());
            }
            case SENTENCEPIECE: {
                String sha = HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
                String name = SentencePieceEncodings.byReferenceSha256(sha).map(SentencePieceSpec::name)
                        .orElseGet(() -> stem(source));
                return SentencePieceTokenizer.read(name, bytes, source);
            }
            default:
                throw new TokenizerFormatException(source, "neither a tiktoken rank file (BASE64 RANK lines) nor a SentencePiece model");
        }
    }
}
