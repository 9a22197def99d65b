package dev.tokenlab.cli.input;

import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Several ignore files together: which one decides, directory-only patterns, negation, POSIX classes. */
class FileWalkerTest {
    @TempDir
    Path root;

    private void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private List<String> walk(List<FastIgnoreRule> includes, List<FastIgnoreRule> excludes) throws IOException {
        return new FileWalker(includes, excludes, true).walk(root).stream().map(FileWalker.Entry::relative).toList();
    }

    @Test
    void aDeeperFileOverridesAShallowerOneBothWays() throws IOException {
        write(".gitignore", "*.log\n!keep.md\n");
        write("a.log", "x");
        write("keep.md", "x");
        write("sub/.gitignore", "!*.log\n*.md\n");
        write("sub/b.log", "x");
        write("sub/keep.md", "x");
        write("sub/deeper/c.log", "x");
        write("sub/deeper/.gitignore", "c.log\n");
        // sub re-includes its logs (but deeper/ ignores c.log again) and ignores its .md files, keep.md included.
        assertEquals(List.of(".gitignore", "keep.md", "sub/.gitignore", "sub/b.log", "sub/deeper/.gitignore"), walk(List.of(), List.of()));
    }

    @Test
    void directoryOnlyPatternsAndPosixClasses() throws IOException {
        write(".gitignore", "build/\n[[:digit:]]*.txt\nname[[:space:]]with\n");
        write("build/x.txt", "x");
        write("sub/build", "a file, not a directory: build/ does not match it");
        write("2024.txt", "x");
        write("notes.txt", "x");
        write("name with", "x");
        assertEquals(List.of(".gitignore", "notes.txt", "sub/build"), walk(List.of(), List.of()));
    }

    @Test
    void includesAndExcludesAreGitPatternsToo() throws IOException {
        write("a/one.md", "x");
        write("a/two.txt", "x");
        write("b/three.md", "x");
        assertEquals(List.of("a/one.md", "b/three.md"), walk(List.of(new FastIgnoreRule("*.md")), List.of()));
        assertEquals(List.of("a/one.md"), walk(List.of(new FastIgnoreRule("[[:lower:]]/*.md")), List.of(new FastIgnoreRule("b/"))));
    }
}
