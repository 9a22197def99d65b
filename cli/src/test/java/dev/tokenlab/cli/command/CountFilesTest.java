package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.cli.TokenlabCommand;
import dev.tokenlab.cli.render.JsonOutput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code count -f PATH…}: files and directory trees, .gitignore, globs, binary files, --jobs, progress. */
class CountFilesTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    @TempDir
    Path tmp;
    Path root;

    private Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String relative, byte[] bytes) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /**
     * <pre>
     * root/.gitignore       *.log  /build/  !keep.log  secret/  # comment
     * root/a.txt            Hello world                       counted
     * root/b.md             unhappiness                       counted
     * root/debug.log                                          ignored: *.log
     * root/keep.log         kept                              counted: !keep.log
     * root/build/out.txt                                      ignored: /build/
     * root/sub/build/x.txt  deep build                        counted: /build/ is anchored
     * root/sub/.gitignore   *.md  (and itself counted)
     * root/sub/c.md                                           ignored by sub/.gitignore
     * root/sub/secret       a file named secret               counted: secret/ is for directories
     * root/secret/s.txt                                       ignored: secret/
     * root/img.bin          NUL byte                          skipped: binary
     * root/latin1.txt       caf\xE9                           skipped: not UTF-8
     * root/.git/config                                        never entered
     * root/link.txt         -> a.txt                          skipped: symbolic link
     * </pre>
     */
    @BeforeEach
    void tree() throws IOException {
        root = tmp.resolve("root");
        write(".gitignore", "*.log\n/build/\n!keep.log\nsecret/\n# comment\n\n");
        write("a.txt", "Hello world");
        write("b.md", "unhappiness");
        write("debug.log", "ignored");
        write("keep.log", "kept");
        write("build/out.txt", "ignored");
        write("sub/build/x.txt", "deep build");
        write("sub/.gitignore", "*.md\n");
        write("sub/c.md", "ignored");
        write("sub/secret", "a file named secret");
        write("secret/s.txt", "ignored");
        write("img.bin", new byte[] {'P', 'N', 'G', 0, 1, 2});
        write("latin1.txt", new byte[] {'c', 'a', 'f', (byte) 0xE9});
        write(".git/config", "[core]");
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("a.txt"));
    }

    private String p(String relative) {
        return root.resolve(relative).toString();
    }

    private static int n(String text) {
        return LLAMA3.count(text);
    }

    @Test
    void directoryTreeWithGitignore() {
        Cli.Result r = Cli.run("count", "-m", "llama3", "-f", root.toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        long total = n("*.log\n/build/\n!keep.log\nsecret/\n# comment\n\n") + n("Hello world") + n("unhappiness")
                + n("kept") + n("*.md\n") + n("deep build") + n("a file named secret");
        assertEquals("{\"model\":\"llama3\",\"tokenizer\":\"llama3\",\"engine\":\"core\",\"contextWindow\":8192,\"limit\":null,"
                + "\"files\":["
                + file(".gitignore", n("*.log\n/build/\n!keep.log\nsecret/\n# comment\n\n")) + ","
                + file("a.txt", 2) + ","
                + file("b.md", 3) + ","
                + file("keep.log", n("kept")) + ","
                + file("sub/.gitignore", n("*.md\n")) + ","
                + file("sub/build/x.txt", n("deep build")) + ","
                + file("sub/secret", n("a file named secret")) + "],"
                + "\"skipped\":["
                + skipped("img.bin", "binary (a NUL byte at byte 3)") + ","
                + skipped("latin1.txt", "invalid UTF-8 at byte 3 (line 1, byte 0xE9)") + ","
                + skipped("link.txt", "symbolic link (not followed)") + "],"
                + "\"total\":" + total + ",\"overBy\":null}\n", r.out());
        assertEquals("tokenlab: skipped " + p("img.bin") + ": binary (a NUL byte at byte 3)\n"
                + "tokenlab: skipped " + p("latin1.txt") + ": invalid UTF-8 at byte 3 (line 1, byte 0xE9)\n"
                + "tokenlab: skipped " + p("link.txt") + ": symbolic link (not followed)\n", r.err());
    }

    private String file(String relative, long tokens) {
        return "{\"path\":" + JsonOutput.quote(p(relative)) + ",\"tokens\":" + tokens + "}";
    }

    private String skipped(String relative, String reason) {
        return "{\"path\":" + JsonOutput.quote(p(relative)) + ",\"reason\":" + JsonOutput.quote(reason) + "}";
    }

    @Test
    void tableWithPercentagesOfTheContextWindow() {
        Cli.Result r = Cli.run("count", "-f", root.toString(), "--include", "*.txt", "--exclude", "sub", "--context", "200");
        assertEquals(new Cli.Result(0,
                "2  1.0%  " + p("a.txt") + "\n",
                "tokenlab: skipped " + p("latin1.txt") + ": invalid UTF-8 at byte 3 (line 1, byte 0xE9)\n"
                        + "tokenlab: skipped " + p("link.txt") + ": symbolic link (not followed)\n"), r);
    }

    @Test
    void tableAlignsColumnsAndAddsATotal() throws IOException {
        Path big = write("sub/big.txt", " a".repeat(12_344));
        Cli.Result r = Cli.run("count", "-m", "llama3", "--fit", "-f", p("a.txt"), "-f", big.toString(), "-f", p("b.md"));
        assertEquals(new Cli.Result(3,
                "     2    0.0%  " + p("a.txt") + "\n"
                        + "12,344  150.7%  " + big + "\n"
                        + "     3    0.0%  " + p("b.md") + "\n"
                        + "12,349  150.7%  total\n",
                "tokenlab: over budget by 4,157 tokens: 12,349 > 8,192 (llama3 context window)\n"), r);
        // Without a context window there is no percentage column.
        assertEquals("2  " + p("a.txt") + "\n3  " + p("b.md") + "\n5  total\n",
                Cli.run("count", "-m", "cl100k_base", "-f", p("a.txt"), "-f", p("b.md")).out());
    }

    @Test
    void oneFileFromADirectoryHasNoTotalLine() {
        assertEquals(new Cli.Result(0, "2  " + p("a.txt") + "\n", ""),
                Cli.run("count", "-m", "cl100k_base", "-f", root.toString(),
                        "--include", "a.txt"));
    }

    @Test
    void aDirectoryGivenAsASymbolicLinkIsWalked() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-sub"), root.resolve("sub"));
        assertEquals(List.of(link + "/.gitignore", link + "/build/x.txt", link + "/secret"), paths(Cli.run("count", "-f", link.toString())));
    }

    @Test
    void emptyDirectory() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(new Cli.Result(0, "0  0.0%  total\n", ""), Cli.run("count", "-f", empty.toString()));
    }

    @Test
    void globs() {
        // --include: a pattern without '/' matches the name at any depth; one with '/' is anchored at the directory given.
        assertEquals(List.of(p("sub/build/x.txt")), paths(Cli.run("count", "-f", root.toString(), "--include", "sub/**/*.txt")));
        assertEquals(List.of(p("a.txt"), p("sub/build/x.txt")), paths(Cli.run("count", "-f", root.toString(), "--include", "*.txt",
                "--include", "nothing-matches")));
        // An included directory includes what is under it.
        assertEquals(List.of(p("sub/.gitignore"), p("sub/build/x.txt"), p("sub/secret")),
                paths(Cli.run("count", "-f", root.toString(), "--include", "sub")));
        // --exclude prunes directories and files; '?' and classes.
        assertEquals(List.of(p("a.txt"), p("b.md"), p("keep.log")),
                paths(Cli.run("count", "-f", root.toString(), "--exclude", "sub/", "--exclude", ".git?gnore", "--exclude", "[il]*")));
    }

    @Test
    void noGitignoreCountsIgnoredFilesButNeverEntersDotGit() {
        List<String> all = paths(Cli.run("count", "-f", root.toString(), "--no-gitignore", "--exclude", "*.bin",
                "--exclude", "latin1.txt", "--exclude", "link.txt"));
        assertEquals(List.of(p(".gitignore"), p("a.txt"), p("b.md"), p("build/out.txt"), p("debug.log"), p("keep.log"),
                p("secret/s.txt"), p("sub/.gitignore"), p("sub/build/x.txt"), p("sub/c.md"), p("sub/secret")), all);
    }

    @Test
    void gitignoreOfParentDirectoriesInsideAWorkingTree() throws IOException {
        Files.delete(root.resolve(".git/config"));
        Files.delete(root.resolve(".git")); // root is no longer a working tree's root: tmp is
        Files.createDirectories(tmp.resolve(".git/info"));
        Files.writeString(tmp.resolve(".git/info/exclude"), "keep.log\n");
        Files.writeString(tmp.resolve(".gitignore"), "*.md\n!sub/**\n");
        // tmp is the working tree's root, so its info/exclude and .gitignore apply to root/ too: *.md ignores b.md
        // (and "!sub/**" is anchored at tmp, so it re-includes nothing under root/); keep.log is ignored by info/exclude,
        // but root/.gitignore's "!keep.log" comes later and wins.
        assertEquals(List.of(p(".gitignore"), p("a.txt"), p("keep.log"), p("sub/.gitignore"), p("sub/build/x.txt"), p("sub/secret")),
                paths(Cli.run("count", "-f", root.toString(), "--exclude", "*.bin", "--exclude", "latin1.txt", "--exclude", "link.txt")));
        // A directory given explicitly is counted even when a parent's .gitignore ignores it.
        Files.writeString(tmp.resolve(".gitignore"), "root/\n");
        assertEquals(List.of(p("sub/.gitignore"), p("sub/build/x.txt"), p("sub/secret")),
                paths(Cli.run("count", "-f", root.resolve("sub").toString())));
    }

    @Test
    void explicitFilesAreCountedWhateverTheIgnoreRulesAndFailWhenNotUtf8() {
        assertEquals(n("ignored") + "\n", Cli.run("count", "-f", p("debug.log")).out());
        // A NUL byte is valid UTF-8: a file named explicitly is counted, as encode would.
        assertEquals(0, Cli.run("count", "-f", p("img.bin")).exitCode());
        assertEquals(new Cli.Result(1, "", "tokenlab: " + p("latin1.txt") + ": invalid UTF-8 at byte 3 (line 1, byte 0xE9)\n"),
                Cli.run("count", "-f", p("a.txt"), "-f", p("latin1.txt")));
        assertEquals(new Cli.Result(1, "", "tokenlab: " + p("nope.txt") + ": no such file\n"),
                Cli.run("count", "-f", p("a.txt"), "-f", p("nope.txt")));
    }

    @Test
    void stdinAmongFiles() {
        assertEquals("2  " + p("a.txt") + "\n3  -\n5  total\n",
                Cli.runWithStdin("unhappiness", "count", "-m", "cl100k_base", "-f", p("a.txt"), "-f", "-").out());
        assertEquals(new Cli.Result(2, "", "tokenlab: standard input ('-') can be given only once\n"),
                Cli.run("count", "-f", "-", "-f", "-"));
        assertEquals(new Cli.Result(2, "", "tokenlab: give TEXT or --file, not both\n"),
                Cli.run("count", "-f", p("a.txt"), "hello"));
    }

    @Test
    void badGlobsAndJobsAreUsageErrors() {
        assertEquals(new Cli.Result(2, "", "tokenlab: --include !x: '!' patterns are for .gitignore files;"
                + " use --include and --exclude instead\n"), Cli.run("count", "-f", root.toString(), "--include", "!x"));
        assertEquals(2, Cli.run("count", "-f", root.toString(), "--exclude", "a[b").exitCode());
        assertEquals(new Cli.Result(2, "", "tokenlab: --jobs must be at least 1: 0\n"), Cli.run("count", "-j", "0", "hi"));
    }

    @Test
    void jobsGiveTheSameOutputAsSequential() throws IOException {
        for (int i = 0; i < 40; i++) {
            write("many/f" + i + ".txt", "File number " + i + " says: " + "na ".repeat(i * 37) + "batman\n");
        }
        write("many/big.txt", "Big file line.\n".repeat(150_000)); // above the in-memory threshold: streamed
        Cli.Result sequential = Cli.run("count", "-f", root.toString(), "--format", "json");
        Cli.Result parallel = Cli.run("count", "-f", root.toString(), "--format", "json", "--jobs", "4");
        assertEquals(sequential, parallel);
        assertEquals(Cli.run("count", "-f", root.toString()), Cli.run("count", "-f", root.toString(), "-j", "4"));
        assertTrue(sequential.out().contains("{\"path\":" + JsonOutput.quote(p("many/big.txt")) + ",\"tokens\":"
                + n("Big file line.\n".repeat(150_000)) + "}"), sequential.out());
    }

    @Test
    void progressLineOnlyOnATerminal() throws IOException {
        Cli.Result plain = Cli.run("count", "-f", root.toString());
        assertTrue(!plain.err().contains("\r"), plain.err());
        Cli.Result terminal = runOnTerminal("count", "-f", root.toString());
        assertEquals(plain.out(), terminal.out());
        assertTrue(terminal.err().startsWith("\rtokenlab: counting 0/10 files"), terminal.err());
        // The line is erased (spaces, then \r) before the notes.
        String afterProgress = terminal.err().substring(terminal.err().lastIndexOf('\r') + 1);
        assertEquals(plain.err(), afterProgress);
        // TEXT is counted at once: no progress line.
        assertEquals("", runOnTerminal("count", "hello").err());
    }

    private static Cli.Result runOnTerminal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = TokenlabCommand.configure(new CommandLine(new TokenlabCommand(new ByteArrayInputStream(new byte[0]), true)));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    /** The paths of a table's lines, in order (paths here have no spaces). */
    static List<String> paths(Cli.Result r) {
        assertEquals(0, r.exitCode(), r.err());
        List<String> paths = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String path = line.strip().replaceFirst("^\\S+\\s+(\\S+%\\s+)?", "");
            if (!path.equals("total")) {
                paths.add(path);
            }
        }
        return paths;
    }
}
