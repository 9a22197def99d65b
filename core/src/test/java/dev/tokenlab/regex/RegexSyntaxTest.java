package dev.tokenlab.regex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the parser accepts (every construct tokenizer patterns use) and what it refuses, with the exact
 * one-line message naming the construct and its index.
 */
class RegexSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "a\\r\\n\\t\\f\\v\\\\\\.\\-\\/\\'\\\"\\x{1F600}\\u00E9\\x41\\x{41}\\u{1F600}\\a\\e\\ \\#\\&\\~",
        ".\\s\\S\\d\\D\\w\\W",
        "\\p{L}\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}\\p{Mn}\\p{Mc}\\p{Me}\\p{N}\\p{Nd}\\p{Nl}\\p{No}",
        "\\p{P}\\p{Pc}\\p{Pd}\\p{Ps}\\p{Pe}\\p{Pi}\\p{Pf}\\p{Po}\\p{S}\\p{Sm}\\p{Sc}\\p{Sk}\\p{So}",
        "\\p{Z}\\p{Zs}\\p{Zl}\\p{Zp}\\p{C}\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{LC}\\p{L&}",
        "\\P{L}\\p{^L}\\pL\\PN\\p{Letter}\\p{Uppercase_Letter}\\p{lowercase letter}\\p{Number}\\p{Punctuation}",
        "\\p{Symbol}\\p{Separator}\\p{Other}\\p{Mark}\\p{Control}\\p{Format}\\p{gc=Lu}\\p{General_Category=Nd}",
        "\\p{Any}\\p{ASCII}\\p{Assigned}\\p{White_Space}\\p{Space}\\p{Word}",
        "[a-z][^a-z][\\x{1F600}-\\x{1F64F}][\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff][\\p{L}\\d_][\\]\\[\\\\^-][]a][^]a][a-][-a]",
        "[a-z&&[^aeiou]][[a-c][x-z]][\\s\\S][\\b]",
        "(a)(?:b)(?i)c(?i:d)(?-i)e(?i-i:f)(?-i:g)",
        "a|b|",
        "a?b*c+d{2}e{2,}f{2,3}g{,3}h??i*?j+?k{2}?l{2,}?m{2,3}?n?+o*+p++q{2}+r{2,}+s{2,3}+",
        "^$\\A\\z\\Z\\b\\B",
        "(?=a)(?!b)(?<=c)(?<!d)(?<=ab|c)(?<!a{1,3}b?)(?>e|f)",
        "a{b{1,x}c{",
    })
    void compiles(String pattern) {
        assertEquals(pattern, Regex.compile(pattern).pattern());
    }

    @Test
    void escapesMeanTheirCharacters() {
        String text = "\r\n\t\f\u000B\\.-/'\"\uD83D\uDE00\u00E9A\u0007\u001B";
        assertEquals("[Match[start=0, end=" + text.length() + "]]",
                Regex.compile("\\r\\n\\t\\f\\v\\\\\\.\\-\\/\\'\\\"\\x{1F600}\\u00E9\\x41\\a\\e").findAll(text).toString());
        assertTrue(Regex.compile("[\\b]").find("\b").isPresent(), "\\b in a class is a backspace");
        assertTrue(Regex.compile("\\u{1F600}").find("\uD83D\uDE00").isPresent());
    }

    @Test
    void aBraceThatStartsNoRepetitionIsALiteral() {
        assertEquals("[Match[start=0, end=10]]", Regex.compile("a{b{1,x}c{").findAll("a{b{1,x}c{").toString());
    }

    @Test
    void aRepetitionMayOmitItsMinimum() {
        assertEquals("[Match[start=0, end=2], Match[start=2, end=3]]", Regex.compile("a{,2}").findAll("aaa").toString());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("(a)\\1", "backreference \\1 is not supported, at index 3 of pattern \"(a)\\1\""),
                Arguments.of("(?<word>\\w+)", "named group (?<name>...) is not supported, at index 0 of pattern \"(?<word>\\w+)\""),
                Arguments.of("(?P<w>a)", "named group (?P<name>...) is not supported, at index 0 of pattern \"(?P<w>a)\""),
                Arguments.of("(?P=w)", "backreference (?P=name) is not supported, at index 0 of pattern \"(?P=w)\""),
                Arguments.of("a(?'w'a)", "named group (?'name'...) is not supported, at index 1 of pattern \"a(?'w'a)\""),
                Arguments.of("(?(1)a|b)", "conditional group (?(...)...) is not supported, at index 0 of pattern \"(?(1)a|b)\""),
                Arguments.of("x(?#c)", "comment group (?#...) is not supported, at index 1 of pattern \"x(?#c)\""),
                Arguments.of("(?|a)", "branch reset group (?|...) is not supported, at index 0 of pattern \"(?|a)\""),
                Arguments.of("(?~a)", "absence operator (?~...) is not supported, at index 0 of pattern \"(?~a)\""),
                Arguments.of("(?R)", "recursion or subroutine call (?R...) is not supported, at index 0 of pattern \"(?R)\""),
                Arguments.of("a(?1)", "recursion or subroutine call (?1...) is not supported, at index 1 of pattern \"a(?1)\""),
                Arguments.of("(*SKIP)a", "backtracking control verb (*...) is not supported, at index 0 of pattern \"(*SKIP)a\""),
                Arguments.of("\\k<w>", "backreference \\k<name> is not supported, at index 0 of pattern \"\\k<w>\""),
                Arguments.of("\\g1", "backreference or subroutine call \\g is not supported, at index 0 of pattern \"\\g1\""),
                Arguments.of("\\Qa\\E", "quoting \\Q...\\E is not supported, at index 0 of pattern \"\\Qa\\E\""),
                Arguments.of("\\cA", "control escape \\c is not supported, at index 0 of pattern \"\\cA\""),
                Arguments.of("\\h", "\\h is not supported (a hex digit in Oniguruma, horizontal space in Perl), at index 0 of pattern \"\\h\""),
                Arguments.of("\\R", "\\R is not supported (line break), at index 0 of pattern \"\\R\""),
                Arguments.of("\\X", "\\X is not supported (grapheme cluster), at index 0 of pattern \"\\X\""),
                Arguments.of("\\G", "\\G is not supported (the end of the previous match), at index 0 of pattern \"\\G\""),
                Arguments.of("a\\K", "\\K is not supported (keep), at index 1 of pattern \"a\\K\""),
                Arguments.of("\\0", "octal escape \\0 is not supported, at index 0 of pattern \"\\0\""),
                Arguments.of("(?x)a", "flag 'x' is not supported (only 'i' is), at index 2 of pattern \"(?x)a\""),
                Arguments.of("(?im)a", "flag 'm' is not supported (only 'i' is), at index 3 of pattern \"(?im)a\""),
                Arguments.of("(?<=a+)b", "lookbehind of unbounded length is not supported, at index 0 of pattern \"(?<=a+)b\""),
                Arguments.of("x(?<!a*)b", "lookbehind of unbounded length is not supported, at index 1 of pattern \"x(?<!a*)b\""),
                Arguments.of("[[:alpha:]]", "POSIX class [:name:] is not supported, at index 1 of pattern \"[[:alpha:]]\""),
                Arguments.of("\\p{Han}", "Unicode property \\p{Han} is not supported (only General_Category, Any, ASCII, "
                        + "Assigned, White_Space and Word are), at index 0 of pattern \"\\p{Han}\""),
                Arguments.of("a**", "a quantifier right after another ('*') is not supported, at index 2 of pattern \"a**\""),
                Arguments.of("a{2}{3}", "a quantifier right after another ('{') is not supported, at index 4 of pattern \"a{2}{3}\""),
                Arguments.of("*a", "quantifier '*' has nothing to repeat, at index 0 of pattern \"*a\""),
                Arguments.of("a|+", "quantifier '+' has nothing to repeat, at index 2 of pattern \"a|+\""),
                Arguments.of("{2}", "quantifier {2} has nothing to repeat, at index 0 of pattern \"{2}\""),
                Arguments.of("(a", "unclosed group, at index 0 of pattern \"(a\""),
                Arguments.of("a)", "unmatched ')', at index 1 of pattern \"a)\""),
                Arguments.of("[a", "unclosed character class, at index 0 of pattern \"[a\""),
                Arguments.of("[z-a]", "range out of order, at index 1 of pattern \"[z-a]\""),
                Arguments.of("[\\w-z]", "a range cannot start with a class escape, at index 1 of pattern \"[\\w-z]\""),
                Arguments.of("[a-\\w]", "a range cannot end with a class escape, at index 3 of pattern \"[a-\\w]\""),
                Arguments.of("a{3,2}", "repetition {3,2} has its maximum below its minimum, at index 1 of pattern \"a{3,2}\""),
                Arguments.of("a{200000}", "a repetition count over 100000 is not supported, at index 1 of pattern \"a{200000}\""),
                Arguments.of("a\\", "pattern ends with a backslash, at index 1 of pattern \"a\\\""),
                Arguments.of("\\q", "unknown escape \\q, at index 0 of pattern \"\\q\""),
                Arguments.of("\\x{110000}", "code point \\x{110000} is beyond U+10FFFF, at index 0 of pattern \"\\x{110000}\""),
                Arguments.of("\\u12", "\\u needs 4 hex digits, at index 0 of pattern \"\\u12\""),
                Arguments.of("(?)", "flag group without flags, at index 0 of pattern \"(?)\""),
                Arguments.of("[\\A]", "anchor \\A inside a character class, at index 1 of pattern \"[\\A]\""),
                Arguments.of("a\nb\\1", "backreference \\1 is not supported, at index 3 of pattern \"a\\nb\\1\""),
                Arguments.of("(?:a{1000}){100}", "pattern too large (over 30000 instructions, counting every copy of a bounded repetition), "
                        + "at index 11 of pattern \"(?:a{1000}){100}\""),
                Arguments.of("\\p{L}{0,40000}", "pattern too large (over 30000 instructions, counting every copy of a bounded repetition), "
                        + "at index 5 of pattern \"\\p{L}{0,40000}\""));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithOneLineNamingTheConstructAndItsIndex(String pattern, String message) {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> Regex.compile(pattern));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(pattern, e.pattern());
        assertTrue(e.getMessage().startsWith(e.description()));
    }

    @Test
    void nestingIsLimited() {
        String deep = "(".repeat(Parser.MAX_NESTING + 1) + "a" + ")".repeat(Parser.MAX_NESTING + 1);
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> Regex.compile(deep));
        assertEquals("nesting of groups and classes deeper than 100 is not supported", e.description());
        assertEquals(Parser.MAX_NESTING, e.index());
        Regex.compile("(".repeat(Parser.MAX_NESTING) + "a" + ")".repeat(Parser.MAX_NESTING));
    }

    @Test
    void longPatternsAreShownShortInTheMessage() {
        String pattern = "a".repeat(500) + "\\1";
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> Regex.compile(pattern));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertEquals(500, e.index());
    }
}
