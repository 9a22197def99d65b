package dev.tokenlab.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The small writers behind the output formats. */
class FormattingTest {

    private static String visible(String s) {
        return VisibleText.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void visibleWhitespaceAndControls() {
        assertEquals("·world↵", visible(" world\n"));
        assertEquals("→x", visible("\tx"));
        assertEquals("<0x0D>↵", visible("\r\n"));
        assertEquals("<0x0B><0x00><0x7F><0x85>", visible("\u000b\u0000\u007f\u0085"));
        assertEquals("<U+FEFF><U+200B><U+00A0><U+2028>", visible("\uFEFF\u200B\u00A0\u2028"));
        assertEquals("naïve 東京 😀".replace(' ', '·'), visible("naïve 東京 😀"));
    }

    @Test
    void visiblePartialCharacters() {
        assertEquals("<F0><9F>", VisibleText.of(new byte[] {(byte) 0xF0, (byte) 0x9F}));
        assertEquals("<98><80>a", VisibleText.of(new byte[] {(byte) 0x98, (byte) 0x80, 'a'}));
        assertEquals("", VisibleText.of(new byte[0]));
    }

    @Test
    void jsonStructure() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject()
                .name("a").value(1)
                .name("b").beginArray().value("x").value(true).value((Integer) null).beginObject().endObject().endArray()
                .name("c").beginArray().endArray()
                .endObject();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":[]}", sb.toString());
    }

    @Test
    void jsonStringEscaping() {
        assertEquals("\"a\\\"b\\\\c\"", JsonWriter.quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", JsonWriter.quote("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\\u007f\"", JsonWriter.quote("\u0000\u001f\u007f"));
        assertEquals("\"\\u2028\\u2029\"", JsonWriter.quote("\u2028\u2029"));
        assertEquals("\"é東😀/<\"", JsonWriter.quote("é東😀/<"));
        assertEquals("\"\\ud800x\\udc00\"", JsonWriter.quote("\uD800x\uDC00"), "lone surrogates are escaped");
    }
}
