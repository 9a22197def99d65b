package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenizerFormatException;

import java.util.Arrays;

/**
 * A cursor over protocol-buffer wire format that checks every length against the bytes that are
 * left before using it, so a truncated or corrupt file fails with its byte offset instead of running
 * out of memory or reading past the end. Not thread-safe; one per parse.
 */
final class WireReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] data;
    private final String source;
    private int pos;
    private int limit;

    WireReader(byte[] data, String source) {
        this.data = data;
        this.source = source;
        this.limit = data.length;
    }

    /** Current absolute byte offset. */
    int position() {
        return pos;
    }

    /** Whether the current message (up to {@link #limit}) has more fields. */
    boolean hasMore() {
        return pos < limit;
    }

    /** Restricts reading to {@code length} bytes from here; returns the previous limit for {@link #popLimit}. */
    int pushLimit(int length) {
        int old = limit;
        limit = pos + length;
        return old;
    }

    /** Restores the limit saved by {@link #pushLimit}, after checking the nested message was read to its end. */
    void popLimit(int oldLimit) {
        if (pos != limit) {
            throw error(pos, "expected the end of a nested message at byte " + limit);
        }
        limit = oldLimit;
    }

    /** Reads a field key; returns {@code fieldNumber << 3 | wireType}. */
    int readTag() {
        int at = pos;
        long key = readVarint("a field key");
        int wireType = (int) (key & 7);
        long field = key >>> 3;
        if (field == 0 || field > 0x1FFFFFFF) {
            throw error(at, "field number " + field + " is not valid");
        }
        if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
            throw error(at, "wire type " + wireType + " of field " + field + " is not one a SentencePiece model uses"
                    + " (expected 0, 1, 2 or 5)");
        }
        return (int) key;
    }

    /** Reads a base-128 varint of at most 10 bytes. */
    long readVarint(String what) {
        int start = pos;
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= limit) {
                throw error(start, "expected " + what + " (a varint), found the end of "
                        + (limit == data.length ? "the file" : "the enclosing message") + ": truncated");
            }
            byte b = data[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw error(start, "expected " + what + " (a varint), found more than 10 varint bytes");
    }

    /** Reads the length of a length-delimited field and checks it against the bytes left. */
    int readLength(String what) {
        int at = pos;
        long length = readVarint("the length of " + what);
        if (length < 0 || length > limit - pos) {
            throw error(at, "length " + Long.toUnsignedString(length) + " of " + what + " exceeds the "
                    + (limit - pos) + " bytes left" + (limit == data.length ? " in the file" : " in the enclosing message")
                    + ": truncated or corrupt");
        }
        return (int) length;
    }

    /** Reads a little-endian 32-bit value. */
    int readFixed32(String what) {
        if (limit - pos < 4) {
            throw error(pos, "expected " + what + " (4 bytes), found " + (limit - pos) + ": truncated");
        }
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16 | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** Reads the bytes of a length-delimited field. */
    byte[] readBytes(String what) {
        int length = readLength(what);
        byte[] out = Arrays.copyOfRange(data, pos, pos + length);
        pos += length;
        return out;
    }

    /** Skips a field whose key was {@code tag}, whatever its wire type. */
    void skip(int tag) {
        switch (tag & 7) {
            case VARINT -> readVarint("the value of field " + (tag >>> 3));
            case FIXED64 -> {
                if (limit - pos < 8) {
                    throw error(pos, "expected 8 bytes of field " + (tag >>> 3) + ", found " + (limit - pos) + ": truncated");
                }
                pos += 8;
            }
            case LENGTH_DELIMITED -> {
                int length = readLength("field " + (tag >>> 3)); // read first: `pos += readLength()` would add to the old pos
                pos += length;
            }
            case FIXED32 -> readFixed32("field " + (tag >>> 3));
            default -> throw new IllegalStateException("readTag admits no other wire type");
        }
    }

    /** Fails unless field {@code tag} has the wire type {@code expected}. */
    void expectWireType(int tag, int expected, String what) {
        if ((tag & 7) != expected) {
            throw error(pos, what + " (field " + (tag >>> 3) + ") has wire type " + (tag & 7) + ", expected " + expected);
        }
    }

    TokenizerFormatException error(int offset, String message) {
        return new TokenizerFormatException(source, "byte " + offset + ": " + message);
    }
}
