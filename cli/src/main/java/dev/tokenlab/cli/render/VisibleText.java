package dev.tokenlab.cli.render;

import dev.tokenlab.cli.input.Utf8;

/**
 * A token's bytes as one printable line, for {@code encode --format tokens}: what a learner needs to
 * see, where plain printing would hide it.
 *
 * <ul>
 *   <li>space {@code ·}, tab {@code →}, line feed {@code ↵};</li>
 *   <li>other control characters by code: {@code <0x0D>} (carriage return), {@code <0x0B>}, {@code <0x85>};</li>
 *   <li>invisible format and space characters by code point: {@code <U+FEFF>} (BOM), {@code <U+200B>},
 *       {@code <U+00A0>} (no-break space);</li>
 *   <li>bytes that are not whole UTF-8 characters (a token holding half an emoji) as hex:
 *       {@code <F0><9F>}.</li>
 * </ul>
 *
 * <pre>{@code
 * VisibleText.of(" world\n".getBytes(UTF_8));        // "·world↵"
 * VisibleText.of(new byte[] {(byte) 0xF0, (byte) 0x9F}); // "<F0><9F>"
 * }</pre>
 */
public final class VisibleText {
    private VisibleText() {
    }

    public static String of(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        Utf8.walk(bytes, 0, bytes.length, new Utf8.Visitor() {
            @Override
            public void text(CharSequence text) {
                text.codePoints().forEach(cp -> appendVisible(sb, cp));
            }

            @Override
            public void invalid(byte[] b, int from, int to) {
                for (int i = from; i < to; i++) {
                    sb.append(String.format("<%02X>", b[i] & 0xFF)); // every byte of the subpart on its own
                }
            }
        });
        return sb.toString();
    }

    /**
     * A vocabulary's own spelling of a token ({@code "▁Hello"}, {@code "<0x0A>"}) with the same
     * characters made visible; {@code ▁} stays as SentencePiece writes it.
     */
    public static String ofSpelling(String spelling) {
        StringBuilder sb = new StringBuilder(spelling.length() + 8);
        spelling.codePoints().forEach(cp -> appendVisible(sb, cp));
        return sb.toString();
    }

    private static void appendVisible(StringBuilder sb, int cp) {
        if (cp == ' ') {
            sb.append('·');
        } else if (cp == '\t') {
            sb.append('→');
        } else if (cp == '\n') {
            sb.append('↵');
        } else if (Character.isISOControl(cp)) {
            sb.append(String.format("<0x%02X>", cp));
        } else if (isInvisible(cp)) {
            sb.append(String.format("<U+%04X>", cp));
        } else {
            sb.appendCodePoint(cp);
        }
    }

    /** Format characters (BOM, zero-width space and joiners …) and spaces other than U+0020. */
    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
