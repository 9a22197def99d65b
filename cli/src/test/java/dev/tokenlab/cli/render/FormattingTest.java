package dev.tokenlab.cli.render;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
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
        StringWriter sb = new StringWriter();
        new JsonOutput(sb).beginObject()
                .name("a").value(1)
                .name("b").beginArray().value("x").value(true).value((Integer) null).beginObject().endObject().endArray()
                .name("c").beginArray().endArray()
                .endObject();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":[]}", sb.toString());
    }

    @Test
    void jsonStringEscaping() {
        assertEquals("\"a\\\"b\\\\c\"", JsonOutput.quote("a\"b\\c"), "quotes and backslashes");
        assertEquals("\"\\n\\r\\t\\b\\f\"", JsonOutput.quote("\n\r\t\b\f"), "short escapes");
        assertEquals("\"\\u0000\\u0001\\u001f\\u007f\"", JsonOutput.quote("\u0000\u0001\u001f\u007f"),
                "other controls and DEL as \\u with lowercase hex");
        assertEquals("\"\\u2028\\u2029\"", JsonOutput.quote("\u2028\u2029"), "JavaScript's line terminators");
        assertEquals("\"é東😀/<\u0085\u00A0\"", JsonOutput.quote("é東😀/<\u0085\u00A0"),
                "non-ASCII, non-BMP, '/' and C1 controls as they are");
        assertEquals("\"\"", JsonOutput.quote(""));
    }

    /** A lone surrogate has no UTF-8 form: it is escaped, while a pair (an emoji) stays as it is. */
    @Test
    void jsonLoneSurrogates() {
        assertEquals("\"\\ud800x\\udc00\"", JsonOutput.quote("\uD800x\uDC00"));
        assertEquals("\"\\udc00\\ud800\"", JsonOutput.quote("\uDC00\uD800"), "a reversed pair is two lone halves");
        assertEquals("\"a\\n😀\\ud83d\"", JsonOutput.quote("a\n😀\uD83D"), "escapes around a trailing high half");
        assertEquals("\"\\ud83d\\\"😀\\u2028\"", JsonOutput.quote("\uD83D\"😀\u2028"), "escapes after a leading one");
        StringWriter sb = new StringWriter();
        new JsonOutput(sb).beginObject().name("a").value("\uD800").name("b").beginArray().value("\uDFFF").value(1)
                .endArray().endObject();
        assertEquals("{\"a\":\"\\ud800\",\"b\":[\"\\udfff\",1]}", sb.toString(), "as a member and an element");
    }

    @Test
    void jsonNumbers() {
        StringWriter sb = new StringWriter();
        new JsonOutput(sb).beginArray().value(2.22226).value(3.0).value((Double) null).value(Double.NaN)
                .exact(-7.1302285f).exact(-1e9).value((Long) null).value(Long.MAX_VALUE).endArray();
        assertEquals("[2.2223,3,null,null,-7.1302285,-1000000000.0,null,9223372036854775807]", sb.toString());
    }
}
