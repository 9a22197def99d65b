package dev.tokenlab.cli.input;

import dev.tokenlab.Decoded;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The CLI's own UTF-8 helper ({@link Utf8}, built on the JDK's decoder) agrees with core's public
 * {@link Decoded#of(byte[])} on any bytes: the same text with U+FFFD for each maximal invalid subpart,
 * the same count of them, the same verdict on validity.
 */
class Utf8PropertiesTest {

    /**
     * Bytes mixed from the ones where UTF-8 decoders differ (lead bytes, the edges of the continuation
     * ranges after E0, ED, F0, F4, bytes that never occur), whole characters, and any byte.
     */
    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> edge = Arbitraries.of(0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF)
                .map(b -> new byte[] {(byte) (int) b});
        Arbitrary<byte[]> any = Arbitraries.bytes().map(b -> new byte[] {b});
        Arbitrary<byte[]> whole = Arbitraries.of("a", "é", "東", "😀", "\uFEFF", "\u0000", "\uFFFD", "\uD7FF", "\uE000", "\uDBFF\uDFFF")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                        Tuple.of(4, edge), Tuple.of(2, any), Tuple.of(2, whole))
                .list().ofMaxSize(24)
                .map(parts -> {
                    int n = parts.stream().mapToInt(p -> p.length).sum();
                    byte[] out = new byte[n];
                    int at = 0;
                    for (byte[] p : parts) {
                        System.arraycopy(p, 0, out, at, p.length);
                        at += p.length;
                    }
                    return out;
                });
    }

    @Property(tries = 3000)
    void walkReplacesWhatDecodedReplaces(@ForAll("bytes") byte[] bytes) {
        Decoded expected = Decoded.of(bytes);
        StringBuilder text = new StringBuilder();
        int[] replaced = {0};
        Utf8.walk(bytes, 0, bytes.length, new Utf8.Visitor() {
            @Override
            public void text(CharSequence t) {
                text.append(t);
            }

            @Override
            public void invalid(byte[] b, int from, int to) {
                text.append('\uFFFD');
                replaced[0]++;
            }
        });
        String hex = HexFormat.of().formatHex(bytes);
        assertEquals(expected.text(), text.toString(), hex);
        assertEquals(expected.replacedSequences(), replaced[0], hex);
        assertEquals(expected.lossless(), Utf8.isValid(bytes, 0, bytes.length), hex);
    }

    @Property(tries = 3000)
    void sequenceLengthsReplaceWhatDecodedReplaces(@ForAll("bytes") byte[] bytes) {
        Decoded expected = Decoded.of(bytes);
        StringBuilder text = new StringBuilder();
        int replaced = 0;
        int firstInvalid = -1;
        for (int i = 0; i < bytes.length; ) {
            int n = Utf8.validSequenceLength(bytes, i, bytes.length);
            if (n > 0) {
                text.append(new String(bytes, i, n, StandardCharsets.UTF_8));
                i += n;
            } else {
                firstInvalid = firstInvalid < 0 ? i : firstInvalid;
                text.append('\uFFFD');
                replaced++;
                i += Utf8.maximalInvalidSubpart(bytes, i, bytes.length);
            }
        }
        String hex = HexFormat.of().formatHex(bytes);
        assertEquals(expected.text(), text.toString(), hex);
        assertEquals(expected.replacedSequences(), replaced, hex);
        assertEquals(firstInvalid, Utf8.firstInvalid(bytes, 0, bytes.length), hex);
    }

    /** Where the JDK's decoder alone would differ: it takes an encoded surrogate as one malformed sequence. */
    @Example
    void encodedSurrogateIsThreeSubparts() {
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertEquals(1, Utf8.maximalInvalidSubpart(surrogate, 0, 3));
        assertEquals(3, Decoded.of(surrogate).replacedSequences());
        assertEquals(2, Utf8.maximalInvalidSubpart(new byte[] {(byte) 0xF0, (byte) 0x9F, 'a'}, 0, 3));
        assertEquals(3, Utf8.maximalInvalidSubpart(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, 0, 3));
        assertEquals(4, Utf8.validSequenceLength("😀".getBytes(StandardCharsets.UTF_8), 0, 4));
    }
}
