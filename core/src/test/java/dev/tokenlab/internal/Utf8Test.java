package dev.tokenlab.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Utf8#encode} and {@link Utf8#encodedLength} against the JDK's encoder, lone surrogates included. */
class Utf8Test {

    private static void check(String text) {
        String replaced = Utf8.replaceLoneSurrogates(text);
        byte[] expected = replaced.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length() * 3];
        int n = Utf8.encode(text, 0, text.length(), out, 0);
        assertEquals(expected.length, n, text);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(out, 0, n, StandardCharsets.UTF_8));
        assertEquals(n, Utf8.encodedLength(text, 0, text.length()), text);
    }

    @Test
    void lengthsOfEachKindOfCharacter() {
        assertEquals(0, Utf8.encodedLength("", 0, 0));
        assertEquals(1 + 2 + 3 + 4, Utf8.encodedLength("a\u00e9\u20ac\uD83D\uDE00", 0, 5));
        assertEquals(3, Utf8.encodedLength("\uD83D", 0, 1), "a lone high surrogate becomes U+FFFD");
        assertEquals(3 + 1, Utf8.encodedLength("\uDE00a", 0, 2), "a lone low surrogate becomes U+FFFD");
        assertEquals(3, Utf8.encodedLength("\uD83D\uDE00", 0, 1), "a pair cut in half is a lone surrogate");
        assertEquals(3, Utf8.encodedLength("\uD83D\uDE00", 1, 2));
    }

    @Test
    void randomTextsAgreeWithTheJdk() {
        Random random = new Random(5);
        for (int k = 0; k < 2000; k++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                int kind = random.nextInt(5);
                sb.append(switch (kind) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) (0x80 + random.nextInt(0x780));
                    case 2 -> (char) (0xD800 + random.nextInt(0x800)); // a surrogate, paired or not
                    case 3 -> (char) (0xE000 + random.nextInt(0x2000));
                    default -> (char) random.nextInt(0x10000);
                });
            }
            check(sb.toString());
        }
    }
}
