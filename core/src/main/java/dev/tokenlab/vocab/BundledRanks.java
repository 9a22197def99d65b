package dev.tokenlab.vocab;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.bpe.ByteVocabulary;

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
    /** Far above any real table (Llama 3: 0.96 MB, o200k: about 2 MB). */
    private static final int MAX_TABLE_BYTES = 1 << 26;

    private BundledRanks() {
    }

    /** Reads a rank table from a stream (closed by the caller). */
    public static ByteVocabulary read(InputStream raw, String source) {
        byte[] in;
        try {
            // the whole table at once, then parsed from memory: the JVM still interprets at startup,
            // where a stream call per token cost more than the decompression itself
            in = new GZIPInputStream(raw, 1 << 16).readNBytes(MAX_TABLE_BYTES + 1);
        } catch (EOFException e) {
            throw new TokenizerFormatException(source, "truncated", e);
        } catch (ZipException e) {
            throw new TokenizerFormatException(source, "damaged compressed data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new TokenizerFormatException(source, "cannot read: " + e.getMessage(), e);
        }
        if (in.length > MAX_TABLE_BYTES) {
            throw new TokenizerFormatException(source, "more than " + MAX_TABLE_BYTES + " bytes once decompressed: not a rank table");
        }
        if (in.length < MAGIC.length || !Arrays.equals(in, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new TokenizerFormatException(source, "byte 0: expected the magic TLRANKS1, this is not a Tokenlab rank table");
        }
        int[] at = {MAGIC.length};
        int count = readVarint(in, at, source);
        if (count <= 0 || count > TiktokenRankReader.MAX_RANK) {
            throw new TokenizerFormatException(source, "byte " + MAGIC.length + ": rank count " + count + " is out of range");
        }
        // the token bytes are at most what is left after the lengths: a corrupt count allocates nothing larger
        byte[] data = new byte[in.length - at[0]];
        int[] offsets = new int[count + 1];
        int total = 0;
        for (int r = 0; r < count; r++) {
            int len = readVarint(in, at, source);
            if (len <= 0 || len > MAX_TOKEN_LENGTH) {
                throw new TokenizerFormatException(source, "rank " + r + ": token length " + len + " is out of range");
            }
            if (len > in.length - at[0]) {
                throw new TokenizerFormatException(source, "rank " + r + ": truncated");
            }
            System.arraycopy(in, at[0], data, total, len);
            at[0] += len;
            total += len;
            offsets[r + 1] = total;
        }
        if (at[0] != in.length) {
            throw new TokenizerFormatException(source, "data after the last rank");
        }
        try {
            return ByteVocabulary.ofConcatenated(Arrays.copyOf(data, total), offsets);
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

    private static int readVarint(byte[] in, int[] at, String source) {
        int offset = at[0];
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (at[0] >= in.length) {
                throw new TokenizerFormatException(source, "truncated");
            }
            int b = in[at[0]++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new TokenizerFormatException(source, "varint longer than 5 bytes near byte " + offset);
    }
}
