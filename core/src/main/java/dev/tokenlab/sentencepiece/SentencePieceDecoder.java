package dev.tokenlab.sentencepiece;

import dev.tokenlab.Decoded;
import dev.tokenlab.internal.Utf8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Ids back to bytes for a SentencePiece model: what one id stands for ({@link #tokenBytes}), and
 * what a sequence of ids decodes to by the C++ {@code DecodeIds} rules ({@link #decodeBytes},
 * {@link #decodeChecked}): control ids are dropped, the unknown id becomes the model's unknown
 * surface ({@code " ⁇ "}), the dummy-prefix {@code ▁} at the very start is removed, {@code ▁} is a
 * space, and runs of byte pieces are joined into characters. Immutable and thread-safe; callers
 * check the ids first (every id below the model's size).
 */
final class SentencePieceDecoder {
    private final SentencePieceModel model;
    /** Per id: the piece with {@code ▁} as a space, a byte piece's one byte, a special token's name. */
    private final byte[][] tokenBytes;
    private final byte[] unkSurface;

    SentencePieceDecoder(SentencePieceModel model) {
        this.model = model;
        int n = model.size();
        tokenBytes = new byte[n][];
        for (int id = 0; id < n; id++) {
            tokenBytes[id] = switch (model.type(id)) {
                case BYTE -> new byte[] {(byte) SentencePieceModel.byteValue(model.piece(id))};
                case CONTROL, UNKNOWN -> model.pieceBytesUnsafe(id);
                default -> spacesFor(model.pieceBytesUnsafe(id));
            };
        }
        this.unkSurface = model.trainer().unkSurface().getBytes(StandardCharsets.UTF_8);
    }

    /** What one id stands for: see {@link SentencePieceTokenizer#tokenBytes(int)}. A copy. */
    byte[] tokenBytes(int id) {
        return tokenBytes[id].clone();
    }

    /** The bytes {@code DecodeIds} produces, except that byte-piece runs that are not valid UTF-8 are kept as they are. */
    byte[] decodeBytes(int[] ids) {
        return decodeInto(ids, false).toByteArray();
    }

    /** Decodes as {@code DecodeIds} does, each invalid byte of a byte-piece run as U+FFFD, and says whether any was. */
    Decoded decodeChecked(int[] ids) {
        Output out = decodeInto(ids, true);
        return new Decoded(new String(out.bytes, 0, out.size, StandardCharsets.UTF_8), out.replaced == 0, out.replaced);
    }

    private Output decodeInto(int[] ids, boolean replaceInvalid) {
        boolean addDummy = model.normalizer().addDummyPrefix();
        boolean removeExtra = model.normalizer().removeExtraWhitespaces();
        Output out = new Output(ids.length * 4 + 16);
        Output run = new Output(16);
        boolean isBosWs = true;
        boolean bosWsSeen = false;
        for (int id : ids) {
            PieceType type = model.type(id);
            if (type == PieceType.BYTE) {
                run.write(tokenBytes[id][0]);
                continue;
            }
            flushBytes(run, out, replaceInvalid);
            if (bosWsSeen || out.size > 0) {
                isBosWs = false;
            }
            bosWsSeen = false;
            if (type == PieceType.CONTROL) {
                continue;
            }
            if (type == PieceType.UNKNOWN) {
                out.write(unkSurface, 0, unkSurface.length);
                continue;
            }
            byte[] piece = model.pieceBytesUnsafe(id);
            int from = 0;
            if (isBosWs && (addDummy || removeExtra) && isSpaceSymbol(piece, 0, piece.length)) {
                from = 3;
                bosWsSeen = !removeExtra;
            }
            for (int i = from; i < piece.length; i++) {
                if (isSpaceSymbol(piece, i, piece.length)) {
                    out.write((byte) ' ');
                    i += 2;
                } else {
                    out.write(piece[i]);
                }
            }
        }
        flushBytes(run, out, replaceInvalid);
        return out;
    }

    /** Appends a run of byte pieces, each invalid UTF-8 byte as U+FFFD when asked (the C++ rule). */
    private static void flushBytes(Output run, Output out, boolean replaceInvalid) {
        if (run.size == 0) {
            return;
        }
        if (!replaceInvalid) {
            out.write(run.bytes, 0, run.size);
        } else {
            int i = 0;
            while (i < run.size) {
                int n = Utf8.validSequenceLength(run.bytes, i, run.size);
                if (n == 0) {
                    out.write((byte) 0xEF);
                    out.write((byte) 0xBF);
                    out.write((byte) 0xBD);
                    out.replaced++;
                    i++;
                } else {
                    out.write(run.bytes, i, n);
                    i += n;
                }
            }
        }
        run.size = 0;
    }

    /** A piece's text with each U+2581 replaced by a space. */
    private static byte[] spacesFor(byte[] piece) {
        int n = 0;
        for (int i = 0; i < piece.length; i++) {
            if (isSpaceSymbol(piece, i, piece.length)) {
                i += 2;
            }
            n++;
        }
        if (n == piece.length) {
            return piece;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (int i = 0; i < piece.length; i++) {
            if (isSpaceSymbol(piece, i, piece.length)) {
                out[o++] = ' ';
                i += 2;
            } else {
                out[o++] = piece[i];
            }
        }
        return out;
    }

    private static boolean isSpaceSymbol(byte[] b, int i, int end) {
        return i + 2 < end && b[i] == (byte) 0xE2 && b[i + 1] == (byte) 0x96 && b[i + 2] == (byte) 0x81;
    }

    /** A growable byte array with a count of replaced sequences. */
    private static final class Output {
        byte[] bytes;
        int size;
        int replaced;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        void write(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2 + 16);
            }
            bytes[size++] = b;
        }

        void write(byte[] b, int from, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + length, size * 2 + 16));
            }
            System.arraycopy(b, from, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
