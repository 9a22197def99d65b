package dev.tokenlab.cli;

import dev.tokenlab.sentencepiece.ModelProtoWriter;
import dev.tokenlab.sentencepiece.PieceType;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every row of the README's "Bad input" table: the command, with its file names replaced by
 * fixtures written here, must print exactly what the row says and exit with its status. The table is
 * the specification; this test keeps it true.
 */
class BadInputTableTest {
    private static final Pattern CODE = Pattern.compile("(stdout )?`([^`]*)`");

    @TempDir
    static Path dir;

    /** One row: what goes in, the command, the expected output and status. */
    record Row(String input, String command, String prints, int exit) {
    }

    @TestFactory
    List<DynamicTest> everyRowOfTheReadmeTable() throws IOException {
        writeFixtures();
        List<DynamicTest> tests = new ArrayList<>();
        List<Row> rows = readTable();
        assertTrue(rows.size() >= 20, "the README's bad-input table has " + rows.size() + " rows");
        for (Row row : rows) {
            tests.add(DynamicTest.dynamicTest(row.input(), () -> check(row)));
        }
        return tests;
    }

    private void check(Row row) throws Exception {
        assertTrue(row.command().startsWith("tokenlab "), row.command());
        String[] args = Arrays.stream(row.command().substring("tokenlab ".length()).split(" "))
                .map(this::fixture).toArray(String[]::new);
        String expectedOut = null;
        List<String> expectedErr = new ArrayList<>();
        Matcher m = CODE.matcher(row.prints());
        while (m.find()) {
            String text = fixturesIn(m.group(2));
            if (m.group(1) != null) {
                expectedOut = text + "\n";
            } else {
                expectedErr.add(text);
            }
        }
        Cli.Result result;
        if (row.input().contains("50 MB")) {
            result = runInSmallHeap(args);
            if (row.prints().contains("the exact count")) {
                expectedOut = bigFileCount + "\n";
            }
        } else {
            result = Cli.run(args);
        }
        assertEquals(row.exit(), result.exitCode(), () -> row.command() + " printed " + result);
        if (expectedOut != null) {
            assertEquals(expectedOut, result.out(), row::command);
        }
        assertEquals(expectedErr.isEmpty() ? "" : String.join("\n", expectedErr) + "\n", result.err(), row::command);
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    // ---- the table

    private static List<Row> readTable() throws IOException {
        Path readme = SharedData.testdata().getParent().resolve("README.md");
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int start = lines.indexOf("## Bad input");
        assertTrue(start >= 0, "README.md has a '## Bad input' section");
        List<Row> rows = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (!line.startsWith("| ") || line.startsWith("| input ") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
            assertEquals(4, cells.length, line);
            Matcher command = CODE.matcher(cells[1]);
            assertTrue(command.find(), line);
            rows.add(new Row(cells[0], unescape(command.group(2)), unescape(cells[2]), Integer.parseInt(cells[3].trim())));
        }
        return rows;
    }

    /** Markdown tables escape | as \|. */
    private static String unescape(String s) {
        return s.replace("\\|", "|");
    }

    // ---- fixtures

    private static final List<String> NAMES = List.of("bad.txt", "surrogate.txt", "nul.txt", "empty.txt", "folder",
            "missing.txt", "truncated.tiktoken", "truncated.model", "notes.model", "big.txt", "chat.json");
    /** Shared model folders the table names as models/NAME (linked here when a row uses one: they need ../shared). */
    private static final List<String> MODELS = List.of("models/mistral", "models/gemma3");
    private static long bigFileCount;

    private static void writeFixtures() throws IOException {
        if (Files.exists(dir.resolve("bad.txt"))) {
            return;
        }
        Files.write(dir.resolve("bad.txt"), new byte[] {'a', 'b', (byte) 0xFF, 'c', 'd'});
        Files.write(dir.resolve("surrogate.txt"), new byte[] {'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'y'});
        Files.write(dir.resolve("nul.txt"), new byte[] {'a', 0, 'b'});
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        Files.createDirectories(dir.resolve("folder"));
        Files.writeString(dir.resolve("truncated.tiktoken"), "YQ== 0\nYg");
        byte[] model = new ModelProtoWriter().piece("<unk>", 0, PieceType.UNKNOWN).piece("hello", -1).bytes();
        Files.write(dir.resolve("truncated.model"), Arrays.copyOf(model, 5));
        Files.writeString(dir.resolve("notes.model"), "hello\n");
        Files.writeString(dir.resolve("chat.json"), "[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"user\",\"content\":\"Hi again\"}]");
        bigFileCount = writeBigFile(dir.resolve("big.txt"), 50_000_000L);
    }

    /** Lines drawn from a small pool until the file has {@code bytes} bytes; returns llama3's count of the whole text. */
    private static long writeBigFile(Path file, long bytes) throws IOException {
        String[] pool = {"The quick brown fox jumps over the lazy dog.", "吾輩は猫である。名前はまだ無い。",
            "for (int i = 0; i < n; i++) { total += a[i]; }", "Ünïcödé and emoji 😀👍🏽 together", ""};
        Random random = new Random(50);
        long written = 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < bytes) {
                int k = random.nextInt(pool.length);
                w.write(pool[k]);
                w.write('\n');
                written += (pool[k] + "\n").getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return dev.tokenlab.Tokenizers.get("llama3").count(Files.readString(file)); // this JVM has the heap for it
    }

    private String fixture(String arg) {
        if (MODELS.contains(arg)) {
            Path link = dir.resolve(arg);
            try {
                if (!Files.exists(link)) {
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, dev.tokenlab.hf.HfModels.folder(arg.substring("models/".length())));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return link.toString();
        }
        return NAMES.contains(arg) ? dir.resolve(arg).toString() : arg;
    }

    private static String fixturesIn(String text) {
        String out = text;
        for (String model : MODELS) {
            out = out.replace(" " + model + ":", " " + dir.resolve(model) + ":");
        }
        for (String name : NAMES) {
            out = out.replace(name + ":", dir.resolve(name) + ":");
        }
        return out;
    }

    /** Runs the CLI in a separate JVM with a 64 MB heap, as {@code JAVA_OPTS=-Xmx64m tokenlab …} would. */
    private static Cli.Result runInSmallHeap(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), TokenlabCommand.class.getName()));
        command.addAll(Arrays.asList(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 10 minutes: " + command);
        }
        return new Cli.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
