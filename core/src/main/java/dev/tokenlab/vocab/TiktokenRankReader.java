package dev.tokenlab.vocab;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.internal.IntBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads tiktoken rank files: one {@code BASE64(token bytes) RANK} per line, as in OpenAI's
 * {@code cl100k_base.tiktoken} and Meta's Llama 3 {@code tokenizer.model}.
 *
 * <pre>{@code
 * ByteVocabulary v = TiktokenRankReader.read(Path.of("tokenizer.model"),
 *         "82e9d31979e92ab929cd544440f129d9ecd797b69e327f80f17e1c50d5551b55");
 * v.size();   // 128000
 * }</pre>
 *
 * <p>Every problem is a {@link TokenizerFormatException} naming the source and the line: a line that
 * is not two fields, bad base64, a rank that is not a number or repeats, two ranks with the same
 * bytes, a SHA-256 that differs from the expected one.
 */
public final class TiktokenRankReader {
    /** The largest rank accepted; a bigger one is taken for corruption rather than allocated. */
    public static final int MAX_RANK = (1 << 24) - 1;

    private TiktokenRankReader() {
    }

    /**
     * Reads a rank file.
     *
     * @param expectedSha256 lower-case hex SHA-256 the file must have, or {@code null} to skip the check
     */
    public static ByteVocabulary read(Path file, String expectedSha256) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerFormatException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new TokenizerFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
        return parse(bytes, file.toString(), expectedSha256);
    }

    /** Reads a rank file from a stream (closed by the caller). */
    public static ByteVocabulary read(InputStream in, String source, String expectedSha256) throws IOException {
        return parse(in.readAllBytes(), source, expectedSha256);
    }

    /** Parses the bytes of a rank file. */
    public static ByteVocabulary parse(byte[] bytes, String source, String expectedSha256) {
        if (expectedSha256 != null) {
            String actual = Sha256.hex(bytes);
            if (!actual.equalsIgnoreCase(expectedSha256)) {
                throw new TokenizerFormatException(source, "SHA-256 is " + actual + ", expected " + expectedSha256);
            }
        }
        IntBuffer ranks = new IntBuffer(1024);
        IntBuffer lines = new IntBuffer(1024);
        List<byte[]> tokens = new ArrayList<>(1024);
        int maxRank = -1;
        Base64.Decoder base64 = Base64.getDecoder();
        int line = 0;
        int pos = 0;
        while (pos < bytes.length) {
            line++;
            int eol = pos;
            while (eol < bytes.length && bytes[eol] != '\n') {
                eol++;
            }
            int end = eol > pos && bytes[eol - 1] == '\r' ? eol - 1 : eol;
            if (end > pos) {
                int space = -1;
                for (int i = pos; i < end; i++) {
                    if (bytes[i] == ' ') {
                        if (space >= 0) {
                            throw bad(source, line, bytes, pos, end);
                        }
                        space = i;
                    }
                }
                if (space <= pos || space == end - 1) {
                    throw bad(source, line, bytes, pos, end);
                }
                byte[] token;
                try {
                    token = base64.decode(Arrays.copyOfRange(bytes, pos, space));
                } catch (IllegalArgumentException e) {
                    throw new TokenizerFormatException(source, "line " + line + ": bad base64 (" + e.getMessage() + ")");
                }
                if (token.length == 0) {
                    throw new TokenizerFormatException(source, "line " + line + ": empty token");
                }
                int rank = parseRank(bytes, space + 1, end, source, line);
                ranks.add(rank);
                lines.add(line);
                tokens.add(token);
                maxRank = Math.max(maxRank, rank);
            }
            pos = eol + 1;
        }
        if (maxRank < 0) {
            throw new TokenizerFormatException(source, "no ranks: expected lines of \"BASE64 RANK\"");
        }
        // Ranks may have gaps (p50k_base has one), but not so many that a corrupt rank allocates a huge table.
        if (maxRank >= 2L * tokens.size() + 1024) {
            throw new TokenizerFormatException(source, "rank " + maxRank + " is far beyond the " + tokens.size()
                    + " ranks in the file; ranks must be nearly dense");
        }
        byte[][] byRank = new byte[maxRank + 1][];
        for (int i = 0; i < tokens.size(); i++) {
            int rank = ranks.get(i);
            if (byRank[rank] != null) {
                throw new TokenizerFormatException(source, "line " + lines.get(i) + ": rank " + rank + " appears twice");
            }
            byRank[rank] = tokens.get(i);
        }
        try {
            return ByteVocabulary.of(byRank);
        } catch (IllegalArgumentException e) {
            throw new TokenizerFormatException(source, e.getMessage());
        }
    }

    private static int parseRank(byte[] bytes, int from, int to, String source, int line) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                throw new TokenizerFormatException(source, "line " + line + ": rank \""
                        + new String(bytes, from, to - from, StandardCharsets.UTF_8) + "\" is not a number");
            }
            value = value * 10 + d;
            if (value > MAX_RANK) {
                throw new TokenizerFormatException(source, "line " + line + ": rank is larger than " + MAX_RANK);
            }
        }
        return (int) value;
    }

    private static TokenizerFormatException bad(String source, int line, byte[] bytes, int from, int to) {
        String text = new String(bytes, from, Math.min(to - from, 60), StandardCharsets.UTF_8);
        return new TokenizerFormatException(source, "line " + line + ": expected \"BASE64 RANK\", found \"" + text + "\"");
    }

    /** The canonical rank-file text of a vocabulary, as tiktoken writes it (for hashing and export). */
    public static byte[] write(ByteVocabulary vocab) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(vocab.size() * 16);
        Base64.Encoder base64 = Base64.getEncoder();
        for (int r = 0; r < vocab.size(); r++) {
            if (vocab.contains(r)) {
                out.writeBytes(base64.encode(vocab.tokenBytes(r)));
                out.writeBytes((" " + r + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
