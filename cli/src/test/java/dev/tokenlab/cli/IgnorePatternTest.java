package dev.tokenlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gitignore(5) patterns, one rule at a time (the examples are the man page's where it has one). */
class IgnorePatternTest {

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
        // escapes and regex characters are literal
        "\\#not-comment | #not-comment       | false | true",
        "a.b            | axb                | false | false",
        "a+b(c)         | a+b(c)             | false | true",
    })
    void matches(String pattern, String path, boolean dir, boolean expected) {
        assertEquals(expected, IgnorePattern.parse(pattern).orElseThrow().matches(path, dir));
    }

    @Test
    void blankAndCommentLinesMatchNothing() {
        assertTrue(IgnorePattern.parse("").isEmpty());
        assertTrue(IgnorePattern.parse("   ").isEmpty());
        assertTrue(IgnorePattern.parse("# comment").isEmpty());
        assertTrue(IgnorePattern.parse("\r").isEmpty());
    }

    @Test
    void negationAndTrailingSpaces() {
        IgnorePattern p = IgnorePattern.parse("!keep.log").orElseThrow();
        assertTrue(p.negated());
        assertTrue(p.matches("logs/keep.log", false));
        assertTrue(IgnorePattern.parse("\\!important").orElseThrow().matches("!important", false));
        assertTrue(IgnorePattern.parse("trail   ").orElseThrow().matches("trail", false));
        assertTrue(IgnorePattern.parse("space\\ ").orElseThrow().matches("space ", false));
        assertTrue(IgnorePattern.parse("crlf\r").orElseThrow().matches("crlf", false));
    }

    @Test
    void unclosedClassIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> IgnorePattern.parse("a[bc"));
    }
}
