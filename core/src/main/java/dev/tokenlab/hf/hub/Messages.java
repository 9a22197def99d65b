package dev.tokenlab.hf.hub;

/**
 * Keeps error messages to one line: text that comes from outside (a name typed by the user, an HTTP
 * header, an exception's message) is put into them only through {@link #clean(String)}, so a server
 * or a file cannot break the one-line promise or flood a terminal.
 */
final class Messages {
    private static final int MAX = 200;

    private Messages() {
    }

    /** {@code text} with control characters (line breaks included) as spaces, cut to 200 characters. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX + 1));
        for (int i = 0; i < text.length() && b.length() <= MAX; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        String s = b.toString().strip();
        return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
    }
}
