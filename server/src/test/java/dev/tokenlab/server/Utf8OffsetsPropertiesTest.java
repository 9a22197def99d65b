package dev.tokenlab.server;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The UTF-8 offsets the API reports are the byte lengths of the text's prefixes, for any text. */
class Utf8OffsetsPropertiesTest {
    @Property(tries = 500)
    void offsetsAreTheUtf8LengthsOfPrefixes(@ForAll String text) {
        if (!isWellFormed(text)) {
            return; // the API refuses unpaired surrogates before anything is counted
        }
        int[] offsets = Tokens.utf8Offsets(text);
        for (int i = 0; i <= text.length(); i++) {
            if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))) {
                continue; // inside a pair: the whole character is counted (see Tokens.utf8Offsets)
            }
            assertEquals(text.substring(0, i).getBytes(StandardCharsets.UTF_8).length, offsets[i], "at " + i);
        }
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
