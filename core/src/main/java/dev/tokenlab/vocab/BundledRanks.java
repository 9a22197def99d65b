package dev.tokenlab.vocab;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.bpe.ByteVocabulary;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads Tokenlab's compact rank tables, the form in which the core jar ships its vocabularies
 * (Llama 3: 584 KB instead of the 2.2 MB base64 text). Written by {@code tools/convert-vocab.mjs}.
 *
 * <p>Format: gzip of the magic {@code TLRANKS1}, the count, then per rank its length and bytes
 * (integers as unsigned LEB128). gzip's CRC-32 guards against a damaged resource.
 */
public final class BundledRanks {
    private static final byte[] MAGIC = "TLRANKS1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_TOKEN_LENGTH = 1 << 16;

    private BundledRanks() {
    }

    /** Reads a rank table from a stream (closed by the caller). */
    public static ByteVocabulary read(InputStream raw, String source) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new TokenizerFormatException(source, "byte 0: expected the magic TLRANKS1, this is not a Tokenlab rank table");
            }
            long offset = MAGIC.length;
            int count = readVarint(in, source, offset);
            if (count <= 0 || count > TiktokenRankReader.MAX_RANK) {
                throw new TokenizerFormatException(source, "byte " + offset + ": rank count " + count + " is out of range");
            }
            byte[][] tokens = new byte[count][];
            for (int r = 0; r < count; r++) {
                int len = readVarint(in, source, offset);
                if (len <= 0 || len > MAX_TOKEN_LENGTH) {
                    throw new TokenizerFormatException(source, "rank " + r + ": token length " + len + " is out of range");
                }
                tokens[r] = in.readNBytes(len);
                if (tokens[r].length != len) {
                    throw new TokenizerFormatException(source, "rank " + r + ": truncated");
                }
            }
            if (in.read() != -1) {
                throw new TokenizerFormatException(source, "data after the last rank");
            }
            return ByteVocabulary.of(tokens);
        } catch (EOFException e) {
            throw new TokenizerFormatException(source, "truncated", e);
        } catch (ZipException e) {
            throw new TokenizerFormatException(source, "damaged compressed data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new TokenizerFormatException(source, "cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TokenizerFormatException(source, e.getMessage(), e);
        }
    }

    /** Reads a rank table bundled as a class-path resource. */
    public static ByteVocabulary readResource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new TokenizerFormatException(name, "resource not found next to " + anchor.getName());
            }
            return read(in, name);
        } catch (IOException e) {
            throw new TokenizerFormatException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    private static int readVarint(DataInputStream in, String source, long offset) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new TokenizerFormatException(source, "varint longer than 5 bytes near byte " + offset);
    }
}
