package dev.tokenlab.cli;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code .gitignore} line, or one {@code --include}/{@code --exclude} glob, matched against a
 * {@code /}-separated path relative to the directory the pattern belongs to. The common subset of
 * gitignore(5):
 *
 * <ul>
 *   <li>blank lines and lines starting with {@code #} match nothing; {@code \#} and {@code \!} are literal;
 *       trailing spaces are dropped unless escaped ({@code \ });</li>
 *   <li>{@code !} negates: a later {@code !pattern} re-includes what an earlier one ignored;</li>
 *   <li>a trailing {@code /} matches directories only;</li>
 *   <li>a pattern with a {@code /} at the start or in the middle is anchored to its directory; one without
 *       matches a name at any depth ({@code *.log} ignores {@code a/b/x.log});</li>
 *   <li>{@code *} is any run of characters but {@code /}, {@code ?} one character but {@code /},
 *       {@code [a-z]} / {@code [!a-z]} a class, {@code \x} the character x;</li>
 *   <li>{@code **}: {@code **}{@code /x} matches x in every directory, {@code x/**} everything inside x,
 *       {@code a/**}{@code /b} zero or more directories between a and b; other {@code **} are plain {@code *}.</li>
 * </ul>
 *
 * <pre>{@code
 * IgnorePattern.parse("/build/").get().matches("build", true);     // true
 * IgnorePattern.parse("*.log").get().matches("logs/today.log", false);  // true
 * }</pre>
 *
 * <p>Not supported: POSIX character classes ({@code [[:space:]]}), and the case-insensitive matching
 * of {@code core.ignoreCase}.
 *
 * @param source   the line as written, for messages
 * @param negated  {@code !pattern}: re-includes
 * @param dirOnly  {@code pattern/}: matches directories only
 */
record IgnorePattern(String source, boolean negated, boolean dirOnly, Pattern regex) {

    /**
     * Parses one line; empty for a blank or comment line.
     *
     * @throws IllegalArgumentException for an unclosed {@code [}
     */
    static Optional<IgnorePattern> parse(String line) {
        String p = stripTrailingSpaces(line);
        if (p.isEmpty() || p.startsWith("#")) {
            return Optional.empty();
        }
        boolean negated = false;
        if (p.startsWith("!")) {
            negated = true;
            p = p.substring(1);
        }
        boolean dirOnly = false;
        if (p.endsWith("/") && !p.endsWith("\\/")) {
            dirOnly = true;
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return Optional.empty();
        }
        boolean anchored = p.indexOf('/') >= 0;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (!anchored) {
            p = "**/" + p;
        }
        return Optional.of(new IgnorePattern(line, negated, dirOnly, Pattern.compile(toRegex(p), Pattern.DOTALL)));
    }

    /** Whether {@code path} ({@code /}-separated, relative, no leading or trailing slash) matches. */
    boolean matches(String path, boolean isDirectory) {
        return (isDirectory || !dirOnly) && regex.matcher(path).matches();
    }

    /** Drops trailing spaces that are not escaped with a backslash (and a trailing CR). */
    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        while (end > 0 && line.charAt(end - 1) == ' ') {
            int backslashes = 0;
            for (int i = end - 2; i >= 0 && line.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                break; // "\ " : an escaped space stays
            }
            end--;
        }
        return line.substring(0, end);
    }

    /** The glob as a Java regex over the whole path. */
    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*') {
                boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
                int after = i + 2;
                if (atSegmentStart && after == n) {
                    re.append(".*");                 // "x/**": everything inside
                    i = after;
                    continue;
                }
                if (atSegmentStart && glob.charAt(after) == '/') {
                    re.append("(?:.*/)?");           // "**/": zero or more directories
                    i = after + 1;
                    continue;
                }
                re.append("[^/]*");                  // any other "**" is a plain "*"
                while (i < n && glob.charAt(i) == '*') {
                    i++;
                }
                continue;
            }
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = classEnd(glob, i);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed '[' in pattern: " + glob);
                    }
                    re.append(toClass(glob.substring(i + 1, close)));
                    i = close;
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        i++;
                        re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                    } else {
                        re.append("\\\\");
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }

    /** Index of the {@code ]} that closes the class opened at {@code open}, or -1. A {@code ]} first in the class is literal. */
    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++;
        }
        for (; i < glob.length(); i++) {
            if (glob.charAt(i) == '\\') {
                i++;
            } else if (glob.charAt(i) == ']') {
                return i;
            }
        }
        return -1;
    }

    /** A glob class body ({@code !a-z}) as a regex class that never matches {@code /}. */
    private static String toClass(String body) {
        StringBuilder re = new StringBuilder("[");
        int start = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            re.append('^');
            start = 1;
        }
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                c = body.charAt(++i); // an escaped character is literal, even '-' or ']'
                re.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            } else if (c == '-' && i > start && i + 1 < body.length()) { // a range; first or last it is literal
                re.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                re.append(c);
            } else {
                re.append('\\').append(c);
            }
        }
        return re.append("&&[^/]]").toString();
    }
}
