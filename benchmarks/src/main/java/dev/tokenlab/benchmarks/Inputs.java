package dev.tokenlab.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The benchmark inputs, built the same way in every run so results compare across commits.
 *
 * <ul>
 *   <li>{@code english}: ../shared/corpus/botchan.txt (279 KB);</li>
 *   <li>{@code japanese}: ../shared/corpus/wagahaiwa_nekodearu.txt (1.1 MB);</li>
 *   <li>{@code code}: this repository's own Java sources in path order, repeated to 1 MB;</li>
 *   <li>{@code multilingual}: every 8th UDHR file in name order (67 languages and scripts);</li>
 *   <li>pathological: {@code one-letter} (1 MB of "a"), {@code random-letters} (1 MB of random a-z
 *       without spaces, seed 7), {@code spaces} (100,000 spaces), {@code digits} (100,000 digits),
 *       {@code emoji} (100,000 emoji);</li>
 *   <li>{@code english-NNk}: botchan repeated or cut to NN KiB, for the scaling series.</li>
 * </ul>
 */
public final class Inputs {
    private Inputs() {
    }

    /** The shared reference data folder: {@code -Dtokenlab.shared}, else {@code ../shared}. */
    public static Path shared() {
        String configured = System.getProperty("tokenlab.shared");
        Path p = configured != null ? Path.of(configured) : Path.of("..", "shared");
        if (!Files.isDirectory(p.resolve("corpus"))) {
            throw new IllegalStateException("benchmark inputs need the shared reference data at " + p.toAbsolutePath()
                    + " (set -Dtokenlab.shared=PATH)");
        }
        return p;
    }

    /** The repository root (for the code input): {@code -Dtokenlab.root}, else the current folder. */
    static Path root() {
        return Path.of(System.getProperty("tokenlab.root", "."));
    }

    public static String load(String name) {
        try {
            return switch (name) {
                case "english" -> Files.readString(shared().resolve("corpus/botchan.txt"));
                case "japanese" -> Files.readString(shared().resolve("corpus/wagahaiwa_nekodearu.txt"));
                case "code" -> repeatTo(javaSources(), 1 << 20);
                case "multilingual" -> multilingual();
                case "one-letter" -> "a".repeat(1 << 20);
                case "random-letters" -> randomLetters(1 << 20);
                case "spaces" -> " ".repeat(100_000);
                case "digits" -> digits(100_000);
                case "emoji" -> emoji(100_000);
                default -> {
                    if (name.startsWith("english-") && name.endsWith("k")) {
                        int kib = Integer.parseInt(name.substring(8, name.length() - 1));
                        yield repeatTo(load("english"), kib * 1024);
                    }
                    throw new IllegalArgumentException("unknown input " + name);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Size of an input in UTF-8 bytes (the unit of MB/s). */
    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String javaSources() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(root())) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/")).sorted().toList()) {
                sb.append(Files.readString(p));
            }
        }
        if (sb.length() == 0) {
            throw new IllegalStateException("no Java sources under " + root().toAbsolutePath());
        }
        return sb.toString();
    }

    private static String multilingual() throws IOException {
        Path udhr = shared().resolve("corpus/udhr");
        List<Path> files;
        try (Stream<Path> s = Files.list(udhr)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < files.size(); i += 8) {
            sb.append(Files.readString(files.get(i))).append('\n');
        }
        return sb.toString();
    }

    /** {@code text} repeated and cut to {@code bytes} UTF-8 bytes (at a character boundary). */
    static String repeatTo(String text, int bytes) {
        StringBuilder sb = new StringBuilder();
        int size = 0;
        int i = 0;
        while (size < bytes) {
            int cp = text.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (size + len > bytes) {
                break;
            }
            sb.appendCodePoint(cp);
            size += len;
            i += Character.charCount(cp);
            if (i >= text.length()) {
                i = 0;
            }
        }
        return sb.toString();
    }

    private static String randomLetters(int n) {
        Random random = new Random(7);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }

    private static String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        Random random = new Random(11);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private static String emoji(int n) {
        StringBuilder sb = new StringBuilder(n * 2);
        Random random = new Random(13);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(0x1F600 + random.nextInt(0x50));
        }
        return sb.toString();
    }
}
