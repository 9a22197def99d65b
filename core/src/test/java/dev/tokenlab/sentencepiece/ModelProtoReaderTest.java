package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenizerFormatException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelProtoReaderTest {

    /** A minimal valid BPE model. */
    static ModelProtoWriter toy() {
        return new ModelProtoWriter()
                .piece("<unk>", 0, PieceType.UNKNOWN) // 0
                .piece("<s>", 0, PieceType.CONTROL)   // 1
                .piece("</s>", 0, PieceType.CONTROL)  // 2
                .piece("\u2581", -1)                   // 3
                .piece("a", -2)                        // 4
                .piece("b", -3)                        // 5
                .piece("ab", -0.5f);                   // 6
    }

    private static String error(byte[] bytes) {
        return assertThrows(TokenizerFormatException.class, () -> SentencePieceModel.read(bytes, "x.model")).getMessage();
    }

    @Test
    void readsPiecesScoresTypesAndSpecs() {
        SentencePieceModel m = SentencePieceModel.read(toy().removeExtraWhitespaces(true).unkSurface("?").bytes(), "toy");
        assertEquals(7, m.size());
        assertEquals("ab", m.piece(6));
        assertEquals(-0.5f, m.score(6));
        assertEquals(PieceType.CONTROL, m.type(1));
        assertEquals(PieceType.NORMAL, m.type(4));
        assertEquals(0, m.unkId());
        assertEquals(ModelType.BPE, m.trainer().modelType());
        assertEquals("?", m.trainer().unkSurface());
        assertEquals(-1, m.trainer().padId());
        assertTrue(m.normalizer().removeExtraWhitespaces());
        assertTrue(m.normalizer().addDummyPrefix());
        assertEquals(6, m.id("ab"));
        assertEquals(1, m.id("<s>"));
        assertEquals(-1, m.id("abc"));
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() {
        byte[] bytes = toy()
                .unknownField(9, 0, new byte[] {(byte) 0x96, 0x01})
                .unknownField(10, 1, new byte[8])
                .unknownField(11, 2, new byte[] {1, 2, 3})
                .unknownField(12, 5, new byte[4])
                .unknownTrainerField(1, 2, "corpus.txt".getBytes())
                .unknownTrainerField(10, 5, new byte[] {0, 0, (byte) 0x80, 0x3F})
                .unknownTrainerField(43, 0, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1}) // pad_id = -1 as 10 bytes
                .bytes();
        SentencePieceModel m = SentencePieceModel.read(bytes, "toy");
        assertEquals(7, m.size());
        assertEquals(-1, m.trainer().padId());
    }

    @Test
    void emptyFile() {
        assertEquals("x.model: byte 0: expected a SentencePiece ModelProto, found an empty file", error(new byte[0]));
    }

    @Test
    void lengthBeyondTheEndIsRefusedBeforeAllocating() {
        // field 1, then a length of 2^31 - 1: must not allocate 2 GB
        byte[] bytes = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertEquals("x.model: byte 1: length 2147483647 of piece 0 exceeds the 0 bytes left in the file: truncated or corrupt",
                error(bytes));
        // a 64-bit length
        byte[] huge = {0x0A, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01};
        assertEquals("x.model: byte 1: length 18446744073709551615 of piece 0 exceeds the 0 bytes left in the file:"
                + " truncated or corrupt", error(huge));
    }

    @Test
    void truncatedInsideAPiece() {
        byte[] full = toy().bytes();
        // piece 0 is 0A 0E (length 14) 0A 05 "<unk>" 15 00 00 00 00 18 02; cut inside its score
        byte[] cut = Arrays.copyOf(full, 11);
        assertEquals("x.model: byte 1: length 14 of piece 0 exceeds the 9 bytes left in the file: truncated or corrupt", error(cut));
    }

    @Test
    void truncatedVarint() {
        assertEquals("x.model: byte 1: expected the length of piece 0 (a varint), found the end of the file: truncated",
                error(new byte[] {0x0A, (byte) 0x80}));
    }

    @Test
    void overlongVarint() {
        byte[] bytes = new byte[12];
        Arrays.fill(bytes, (byte) 0x80);
        assertEquals("x.model: byte 0: expected a field key (a varint), found more than 10 varint bytes", error(bytes));
    }

    @Test
    void groupWireTypeAndFieldZero() {
        assertEquals("x.model: byte 0: wire type 3 of field 1 is not one a SentencePiece model uses (expected 0, 1, 2 or 5)",
                error(new byte[] {0x0B}));
        assertEquals("x.model: byte 0: field number 0 is not valid", error(new byte[] {0x02, 0x00}));
    }

    @Test
    void wrongWireTypeForAKnownField() {
        // field 1 (pieces) as a varint
        assertEquals("x.model: byte 1: pieces (field 1) has wire type 0, expected 2", error(new byte[] {0x08, 0x01}));
    }

    @Test
    void noPieces() {
        // only an empty trainer_spec
        assertEquals("x.model: byte 2: expected at least one piece (field 1), found none: not a SentencePiece model",
                error(new byte[] {0x12, 0x00}));
    }

    @Test
    void unknownPieceType() {
        byte[] bytes = new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).bytes();
        // 0A 0E | 0A 05 "<unk>" | 15 score | 18 02: patch the type (byte 15, value 2) to 9
        byte[] patched = bytes.clone();
        assertEquals(2, patched[15]);
        patched[15] = 9;
        assertEquals("x.model: byte 15: piece 0 has type 9; expected 1..6 (NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE)",
                error(patched));
    }

    @Test
    void nestedMessageOverrunningItsLength() {
        // piece message of length 2 holding a field whose length (5) runs past the message's end
        byte[] bytes = {0x0A, 0x02, 0x0A, 0x05, 'a', 'b', 'c', 'd', 'e'};
        assertEquals("x.model: byte 3: length 5 of the text of piece 0 exceeds the 0 bytes left in the enclosing message:"
                + " truncated or corrupt", error(bytes));
    }

    @Test
    void modelChecksTheCppLibraryMakes() {
        assertEquals("x.model: no UNKNOWN piece; SentencePiece requires one",
                error(new ModelProtoWriter().piece("a", 0).bytes()));
        assertEquals("x.model: piece 2 (\"a\") is defined twice",
                error(new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).piece("a", 0).piece("a", -1).bytes()));
        assertEquals("x.model: piece 1 (\"<0x41>\") is a BYTE piece but byte_fallback is false",
                error(new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).piece("<0x41>", 0, PieceType.BYTE)
                        .piece("a", 0).bytes()));
        assertEquals("x.model: byte_fallback is true but the byte piece <0x00> is missing; SentencePiece requires all 256",
                error(new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).piece("a", 0).byteFallback(true).bytes()));
        assertEquals("x.model: piece 1 is empty; SentencePiece requires non-empty pieces",
                error(new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).piece("", 0).bytes()));
        assertEquals("x.model: piece 1 contains a NUL byte (at byte 1 of the piece); SentencePiece forbids them",
                error(new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).piece("a\0", 0).bytes()));
        assertEquals("x.model: piece 2 (\"<unk2>\") is a second UNKNOWN piece (the first is 0)",
                error(new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).piece("a", 0)
                        .piece("<unk2>", 0, PieceType.UNKNOWN).bytes()));
        assertEquals("x.model: a WORD model; Tokenlab encodes BPE and UNIGRAM SentencePiece models only",
                error(toy().modelType(ModelType.WORD).bytes()));
        assertEquals("x.model: piece 1 (\"<0x4>\") is a BYTE piece but not of the form <0xNN>",
                error(new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).piece("<0x4>", 0, PieceType.BYTE)
                        .byteFallback(true).bytes()));
    }

    @Test
    void brokenCharsmapIsAFormatError() {
        byte[] bytes = toy().charsmap(new byte[] {(byte) 200, 0, 0, 0, 1, 2, 3, 4}).bytes();
        String message = assertThrows(TokenizerFormatException.class, () -> SentencePieceTokenizer.read("t", bytes, "x.model"))
                .getMessage();
        assertEquals("x.model: precompiled_charsmap declares a 200-byte trie but holds only 4 bytes after the size", message);
    }

    @Test
    void everyTruncationFailsCleanly() {
        byte[] full = toy().bytes();
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            try {
                SentencePieceModel.read(cut, "x.model");
                // a cut at a field boundary can still be a valid (smaller) model: fine
            } catch (TokenizerFormatException e) {
                assertTrue(e.getMessage().startsWith("x.model: "), e.getMessage());
            }
        }
    }

    @Test
    void randomCorruptionFailsCleanlyOrReadsSomething() {
        byte[] full = toy().bytePieces().bytes();
        Random random = new Random(20240613);
        int failures = 0;
        for (int t = 0; t < 3000; t++) {
            byte[] bad = full.clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                SentencePieceTokenizer tok = SentencePieceTokenizer.read("t", bad, "x.model");
                tok.encode("ab ab a\u00e9b"); // whatever was read must still encode without failing
            } catch (TokenizerFormatException e) {
                failures++;
            }
        }
        assertTrue(failures > 0);
    }

    @Test
    void pieceBytesAreCopies() {
        SentencePieceModel m = SentencePieceModel.read(toy().bytes(), "toy");
        byte[] b = m.pieceBytes(6);
        b[0] = 'z';
        assertArrayEquals(new byte[] {'a', 'b'}, m.pieceBytes(6));
        assertFalse(m.toString().isEmpty());
    }
}
