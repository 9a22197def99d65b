package dev.tokenlab.bpe;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteVocabularyTest {
    private final ByteVocabulary vocab = ByteVocabulary.of(new byte[][] {
        {'a'},                                   // 0
        {'a', 0},                                // 1: same low bytes as "a", other length
        "abcdefg".getBytes(StandardCharsets.US_ASCII),   // 2: 7 bytes, packed
        "abcdefgh".getBytes(StandardCharsets.US_ASCII),  // 3: 8 bytes, hashed
        null,                                    // 4: unused rank
        "a much longer token".getBytes(StandardCharsets.US_ASCII), // 5
    });

    @Test
    void findsTokensOfEveryLength() {
        assertEquals(0, rank("a"));
        assertEquals(1, vocab.rank(new byte[] {'a', 0}, 0, 2));
        assertEquals(2, rank("abcdefg"));
        assertEquals(3, rank("abcdefgh"));
        assertEquals(5, rank("a much longer token"));
        assertEquals(-1, rank("abcdef"));
        assertEquals(-1, rank("b"));
        assertEquals(-1, vocab.rank(new byte[0], 0, 0));
    }

    @Test
    void findsTokensInsideLargerBuffersWithAndWithoutPadding() {
        byte[] buf = "xxabcdefgyy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(2, vocab.rank(buf, 2, 9));        // fewer than 8 bytes after: slow path
        byte[] padded = "xxabcdefgyy........".getBytes(StandardCharsets.US_ASCII);
        assertEquals(2, vocab.rank(padded, 2, 9));     // unaligned 8-byte load
        assertEquals(0, vocab.rank(padded, 2, 3));
    }

    @Test
    void unusedRanksAreNotTokens() {
        assertEquals(6, vocab.size());
        assertFalse(vocab.contains(4));
        assertTrue(vocab.contains(5));
        assertEquals(0, vocab.tokenLength(4));
        assertArrayEquals("abcdefgh".getBytes(StandardCharsets.US_ASCII), vocab.tokenBytes(3));
        assertEquals(0, vocab.byteRank('a'));
        assertEquals(-1, vocab.byteRank('b'));
    }

    private int rank(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return vocab.rank(b, 0, b.length);
    }
}
