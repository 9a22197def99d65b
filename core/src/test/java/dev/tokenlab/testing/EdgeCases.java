package dev.tokenlab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written edge cases of {@code testdata/edge-cases.txt}: one case per line as
 * {@code name<TAB>text}, where the text uses the escapes {@code \n \r \t \\ \s} (a space, for
 * leading or trailing ones), {@code \}{@code uXXXX} (one UTF-16 unit, so lone surrogates can be
 * written) and {@code \x{XXXXXX}} (one code point). Lines starting with {@code #} and blank lines are
 * comments.
 */
public final class EdgeCases {

    /** One named input. */
    public record EdgeCase(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    private EdgeCases() {
    }

    /** Every case of {@code testdata/edge-cases.txt}, in file order. */
    public static List<EdgeCase> load() {
        return load(SharedData.testdata().resolve("edge-cases.txt"));
    }

    /** Every case of a file in the edge-case format. */
    public static List<EdgeCase> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<EdgeCase> cases = new ArrayList<>();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                throw new IllegalArgumentException(file + ":" + n + ": expected NAME<TAB>TEXT");
            }
            cases.add(new EdgeCase(line.substring(0, tab), unescape(line.substring(tab + 1), file + ":" + n)));
        }
        return cases;
    }

    /** Reverses the escapes described above. */
    public static String unescape(String s, String where) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new IllegalArgumentException(where + ": dangling backslash");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 's' -> sb.append(' ');
                case '\\' -> sb.append('\\');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'x' -> {
                    int close = s.indexOf('}', i);
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 2, close), 16));
                    i = close;
                }
                default -> throw new IllegalArgumentException(where + ": unknown escape \\" + e);
            }
        }
        return sb.toString();
    }

    /** The escaped form of a string (inverse of {@link #unescape}). */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                            && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else if (c == ' ' && (i == 0 || i == s.length() - 1)) {
                        sb.append("\\s");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
