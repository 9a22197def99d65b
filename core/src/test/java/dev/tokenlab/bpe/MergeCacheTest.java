package dev.tokenlab.bpe;

import dev.tokenlab.testing.SharedData;
import dev.tokenlab.tiktoken.TiktokenEncodings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The merge cache gives exactly what the merger gives: the same ranks and byte starts (at any offset
 * in the buffer), on a piece's first, second (stored) and later (served) sightings, for the words of
 * a real text and for more random pieces than the table has slots (so entries collide and are
 * replaced).
 */
class MergeCacheTest {
    private static final ByteVocabulary CL100K = TiktokenEncodings.CL100K_BASE.ranks().get();

    private static void assertSame(MergeCache cache, BytePairMerger merger, byte[] piece, int offset, String what) {
        byte[] buf = new byte[offset + piece.length + ByteVocabulary.READ_PADDING];
        System.arraycopy(piece, 0, buf, offset, piece.length);
        MergeBuffers expected = new MergeBuffers();
        MergeBuffers actual = new MergeBuffers();
        int n = merger.merge(buf, offset, offset + piece.length, expected);
        int m = cache.merge(buf, offset, offset + piece.length, actual);
        assertEquals(n, m, what);
        assertArrayEquals(Arrays.copyOf(expected.ranks, n), Arrays.copyOf(actual.ranks, m), what);
        assertArrayEquals(Arrays.copyOf(expected.starts, n + 1), Arrays.copyOf(actual.starts, m + 1), what);
    }

    @Test
    void wordsOfARealTextSeenManyTimes() throws IOException {
        BytePairMerger merger = new BytePairMerger(CL100K);
        MergeCache cache = new MergeCache(merger);
        String text = Files.readString(SharedData.require("corpus/botchan.txt"));
        String[] words = text.split("(?=\\s)");
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < words.length; i += 3) {
                byte[] piece = words[i].getBytes(StandardCharsets.UTF_8);
                if (piece.length > 0) {
                    assertSame(cache, merger, piece, (i + pass) % 5, "pass " + pass + ", \"" + words[i] + "\"");
                }
            }
        }
    }

    @Test
    void collidingRandomPiecesOfEveryLength() {
        BytePairMerger merger = new BytePairMerger(CL100K);
        MergeCache cache = new MergeCache(merger);
        Random random = new Random(42);
        byte[][] pieces = new byte[40_000][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = new byte[1 + random.nextInt(MergeCache.MAX_PIECE_BYTES + 4)];
            for (int k = 0; k < pieces[i].length; k++) {
                pieces[i][k] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(6));
            }
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < pieces.length; i++) {
                assertSame(cache, merger, pieces[i], pass, "piece " + i + ", pass " + pass);
            }
        }
    }
}
