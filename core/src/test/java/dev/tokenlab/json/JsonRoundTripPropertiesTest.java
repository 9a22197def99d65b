package dev.tokenlab.json;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random trees, written with random whitespace and escapes, read back to the same tree; and damaged
 * documents that are either read or rejected with one {@link JsonException}, nothing else.
 */
class JsonRoundTripPropertiesTest {

    @Provide
    Arbitrary<JsonValue> trees() {
        return JsonArbitraries.trees();
    }

    @Property(tries = 1000)
    void writtenTreesReadBackEqual(@ForAll("trees") JsonValue tree, @ForAll long seed) {
        byte[] json = JsonTestWriter.write(tree, new Random(seed));
        JsonValue read = JsonReader.parse(json, "random.json");
        assertEquals(tree, read, () -> new String(json, StandardCharsets.UTF_8));
        assertEquals(tree.hashCode(), read.hashCode());
        // And the canonical form of what was read is the canonical form of the tree.
        assertArrayEquals(JsonTestWriter.write(tree), JsonTestWriter.write(read));
    }

    @Property(tries = 300)
    void numbersConvertLikeJava(@ForAll("numberLiterals") String literal) {
        JsonNumber n = (JsonNumber) JsonReader.parse(literal.getBytes(StandardCharsets.US_ASCII), "n.json");
        assertEquals(literal, n.text());
        boolean integral = literal.matches("-?\\d+");
        assertEquals(integral, n.isIntegral());
        double expected = Double.parseDouble(literal);
        if (Double.isInfinite(expected)) {
            assertThrowsJson(n::asDouble);
        } else {
            assertEquals(expected, n.asDouble());
        }
        Long exact = null;
        if (integral) {
            try {
                exact = Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // stays null
            }
        }
        if (exact != null) {
            assertEquals(exact.longValue(), n.asLong());
        } else {
            assertThrowsJson(n::asLong);
        }
        if (exact != null && exact == (int) (long) exact) {
            assertEquals((int) (long) exact, n.asInt());
        } else {
            assertThrowsJson(n::asInt);
        }
    }

    @Provide
    Arbitrary<String> numberLiterals() {
        return JsonArbitraries.numberLiterals();
    }

    @Property(tries = 1000)
    void damagedDocumentsAreReadOrRejectedInOneLine(@ForAll("trees") JsonValue tree, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] json = mutate(JsonTestWriter.write(tree, random), random);
        try {
            JsonValue v = JsonReader.parse(json, "damaged.json");
            // What was read writes and reads back the same.
            assertEquals(v, JsonReader.parse(JsonTestWriter.write(v), "again.json"));
        } catch (JsonException e) {
            assertTrue(e.getMessage().startsWith("damaged.json: line "), e.getMessage());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
            assertTrue(e.offset() >= 0 && e.offset() <= json.length, e.getMessage());
        }
    }

    @Property(tries = 1000)
    void randomBytesAreReadOrRejected(@ForAll byte[] bytes) {
        try {
            JsonReader.parse(bytes, "bytes.json");
        } catch (JsonException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, e.getMessage());
        }
    }

    /** One to three random edits: a byte replaced by one that matters, removed, inserted, a span repeated, or a cut. */
    static byte[] mutate(byte[] json, Random random) {
        byte[] b = json;
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            byte interesting = (byte) (int) JsonArbitraries.INTERESTING_BYTES.get(random.nextInt(JsonArbitraries.INTERESTING_BYTES.size()));
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[at] = interesting;
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                        b = c;
                    }
                }
                case 2 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = interesting;
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(8));
                    byte[] c = Arrays.copyOf(b, b.length + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static void assertThrowsJson(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(JsonException.class, e);
    }
}
