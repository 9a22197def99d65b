package dev.tokenlab.cli.input;

import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gitignore(5) patterns, one rule at a time, as {@code count} matches them through JGit's
 * {@link FastIgnoreRule} (the examples are the man page's where it has one): the rules the README
 * promises, pinned, so a JGit upgrade that changes one shows here. {@link FileWalkerTest} has the
 * rules of several files together.
 */
class GitignoreRulesTest {

    @ParameterizedTest(name = "{0} ~ {1} (dir {2}) = {3}")
    @CsvSource(delimiter = '|', value = {
        // no slash: the name at any depth
        "*.log          | debug.log          | false | true",
        "*.log          | a/b/debug.log      | false | true",
        "*.log          | debug.log.txt      | false | false",
        "foo            | a/foo              | true  | true",
        "foo            | a/foo              | false | true",
        "foo            | foobar             | false | false",
        // trailing slash: directories only
        "frotz/         | frotz              | true  | true",
        "frotz/         | a/frotz            | true  | true",
        "frotz/         | frotz              | false | false",
        // a slash at the start or in the middle anchors
        "/build/        | build              | true  | true",
        "/build/        | sub/build          | true  | false",
        "doc/frotz      | doc/frotz          | true  | true",
        "doc/frotz      | a/doc/frotz        | true  | false",
        "/*.c           | cat-file.c         | false | true",
        "/*.c           | mozilla-sha1/sha1.c| false | false",
        // * and ? do not cross '/'
        "a/*/c          | a/b/c              | false | true",
        "a/*/c          | a/b/x/c            | false | false",
        "a?c            | abc                | false | true",
        "a?c            | a/c                | false | false",
        // **
        "**/foo         | foo                | false | true",
        "**/foo         | a/b/foo            | false | true",
        "**/foo/bar     | x/foo/bar          | false | true",
        "abc/**         | abc/x              | false | true",
        "abc/**         | abc/x/y            | false | true",
        "abc/**         | abc                | true  | false",
        "a/**/b         | a/b                | false | true",
        "a/**/b         | a/x/b              | false | true",
        "a/**/b         | a/x/y/b            | false | true",
        "a/**/b         | ab                 | false | false",
        "x**y           | xay                | false | true",
        "x**y           | x/y                | false | false",
        // classes
        "[abc].txt      | b.txt              | false | true",
        "[abc].txt      | d.txt              | false | false",
        "[!abc].txt     | d.txt              | false | true",
        "[a-c]x         | bx                 | false | true",
        "[a-c]x         | dx                 | false | false",
        "[-a]x          | -x                 | false | true",
        "[]]x           | ]x                 | false | true",
        // POSIX character classes (the hand-written matcher before JGit had none)
        "[[:space:]]x   | ' x'               | false | true",
        "[[:digit:]]*.log| 2024.log          | false | true",
        "[[:digit:]]*.log| x.log             | false | false",
        "[[:upper:]]*   | README             | false | true",
        "[[:upper:]]*   | readme             | false | false",
        "[![:alpha:]]*  | _x                 | false | true",
        // escapes and regex characters are literal
        "\\#not-comment | #not-comment       | false | true",
        "a.b            | axb                | false | false",
        "a+b(c)         | a+b(c)             | false | true",
    })
    void matches(String pattern, String path, boolean dir, boolean expected) {
        assertEquals(expected, new FastIgnoreRule(pattern).isMatch(path, dir, true));
    }

    @Test
    void blankAndCommentLinesMatchNothing() {
        assertTrue(new FastIgnoreRule("").isEmpty());
        assertTrue(new FastIgnoreRule("# comment").isEmpty());
        assertFalse(new FastIgnoreRule("   ").isMatch("   ", false, true), "trailing spaces are dropped: nothing left");
    }

    @Test
    void negationAndTrailingSpaces() {
        FastIgnoreRule p = new FastIgnoreRule("!keep.log");
        assertTrue(p.getNegation());
        assertFalse(p.getResult(), "a match re-includes");
        assertTrue(p.isMatch("logs/keep.log", false, true));
        assertTrue(new FastIgnoreRule("\\!important").isMatch("!important", false, true));
        assertTrue(new FastIgnoreRule("trail   ").isMatch("trail", false, true));
        assertTrue(new FastIgnoreRule("space\\ ").isMatch("space ", false, true));
    }

    @Test
    void anIgnoreFileReadsCrlfLinesAndTheLastMatchDecides() throws IOException {
        IgnoreNode node = new IgnoreNode();
        node.parse(new ByteArrayInputStream("*.log\r\n!keep.log\r\n# c\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, node.getRules().size());
        assertEquals(Boolean.TRUE, node.checkIgnored("a/x.log", false));
        assertEquals(Boolean.FALSE, node.checkIgnored("keep.log", false));
        assertNull(node.checkIgnored("x.txt", false), "no pattern matches: a shallower file may decide");
    }

    @Test
    void anUnclosedClassMatchesNothing() {
        assertTrue(new FastIgnoreRule("a[bc").isEmpty(), "as in Git; --include/--exclude refuse it");
    }
}
