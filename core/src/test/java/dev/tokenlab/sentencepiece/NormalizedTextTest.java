package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenizerException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The normalized-text buffer grows as asked and refuses, with a clear error, to pass an array's limit. */
class NormalizedTextTest {

    @Test
    void growsKeepingWhatItHolds() {
        NormalizedText t = new NormalizedText(16);
        for (int i = 0; i < 1000; i++) {
            t.reserve(1);
            t.append((byte) i, i);
        }
        t.reserve(1);
        t.finish(1000);
        assertEquals(1000, t.length);
        assertEquals((byte) 999, t.bytes[999]);
        assertEquals(999, t.toOrig[999]);
        assertEquals(1000, t.toOrig[1000]);
    }

    @Test
    void refusesToPassTwoGigabytesInsteadOfOverflowing() {
        NormalizedText t = new NormalizedText(16);
        t.length = NormalizedText.MAX_BYTES - 4; // as if that much were written; nothing is allocated
        TokenizerException e = assertThrows(TokenizerException.class, () -> t.reserve(Integer.MAX_VALUE - 8));
        assertTrue(e.getMessage().startsWith("the normalized text would pass 2 GB ("), e.getMessage());
        assertTrue(e.getMessage().endsWith(" bytes); encode the text in parts"), e.getMessage());
    }
}
