package dev.tokenlab.regex;

import dev.tokenlab.regex.Node.Alt;
import dev.tokenlab.regex.Node.Anchor;
import dev.tokenlab.regex.Node.Assertion;
import dev.tokenlab.regex.Node.Atomic;
import dev.tokenlab.regex.Node.Chars;
import dev.tokenlab.regex.Node.Concat;
import dev.tokenlab.regex.Node.Empty;
import dev.tokenlab.regex.Node.Greed;
import dev.tokenlab.regex.Node.Look;
import dev.tokenlab.regex.Node.Repeat;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the pattern subset that tokenizer pre-tokenizers use (the common ground of Oniguruma and
 * Rust's {@code regex}/{@code fancy-regex}) into {@link Node}s, and refuses everything else with a
 * {@link RegexSyntaxException} naming the construct and its index.
 *
 * <p>Supported: literals and escapes ({@code \t \n \r \f \v \a \e \xHH \x{H..}} <code>&#92;uHHHH &#92;u{H..}</code>, any
 * escaped non-alphanumeric character), {@code .} (anything but {@code \n}), {@code \d \D \s \S \w \W},
 * {@code \p{..} \P{..} \pL} (see {@link UnicodeSets}), classes with ranges, negation, nesting,
 * {@code &&} and escapes; groups {@code (..)} (captures are not reported), {@code (?:..)},
 * {@code (?i)} {@code (?i:..)} {@code (?-i)}; alternation; {@code ? * + {n} {n,} {n,m} {,m}}, each
 * greedy, lazy ({@code ?}) or possessive ({@code +}); {@code ^ $ \A \z \Z \b \B}; lookahead
 * {@code (?=..) (?!..)}, lookbehind {@code (?<=..) (?<!..)} of bounded length; atomic groups
 * {@code (?>..)}.
 *
 * <p>Meanings where the engines differ: {@code ^} and {@code $} are the start and end of the
 * haystack (Rust's meaning, and tiktoken's; Oniguruma's Ruby syntax would make them line anchors);
 * an inline {@code (?i)} lasts to the end of its group and leaves the alternation's structure alone
 * (Perl and Rust; Oniguruma would make {@code a(?i)b|c} mean {@code a(?i:b|c)}); a <code>{</code> that
 * does not start a valid repetition is a literal (Oniguruma, Perl).
 */
final class Parser {
    /** Deepest nesting of groups and classes. */
    static final int MAX_NESTING = 100;
    /** Largest repetition count, as Oniguruma's ONIG_MAX_REPEAT_NUM. */
    static final int MAX_REPEAT = 100_000;

    private static final CodePointSet DOT = CodePointSet.of('\n').complement();

    private final String p;
    private final int len;
    private int i;
    private boolean caseInsensitive;
    private int nesting;

    private Parser(String pattern) {
        this.p = pattern;
        this.len = pattern.length();
    }

    static Node parse(String pattern) {
        Parser parser = new Parser(pattern);
        Node node = parser.alternation();
        if (parser.i < parser.len) {
            throw parser.error("unmatched ')'", parser.i);
        }
        return node;
    }

    private RegexSyntaxException error(String what, int at) {
        return new RegexSyntaxException(what, p, at);
    }

    private RegexSyntaxException unsupported(String what, int at) {
        return new RegexSyntaxException(what + " is not supported", p, at);
    }

    private RegexSyntaxException unsupported(String what, int at, String hint) {
        return new RegexSyntaxException(what + " is not supported (" + hint + ")", p, at);
    }

    private Node alternation() {
        List<Node> alternatives = new ArrayList<>();
        alternatives.add(concat());
        while (i < len && p.charAt(i) == '|') {
            i++;
            alternatives.add(concat());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Alt(List.copyOf(alternatives));
    }

    private Node concat() {
        List<Node> items = new ArrayList<>();
        while (i < len) {
            char c = p.charAt(i);
            if (c == '|' || c == ')') {
                break;
            }
            Node atom = atom();
            if (atom != null) {
                items.add(quantified(atom));
            }
        }
        if (items.isEmpty()) {
            return new Empty();
        }
        return items.size() == 1 ? items.get(0) : new Concat(List.copyOf(items));
    }

    /** The atom followed by at most one quantifier (with its lazy or possessive suffix). */
    private Node quantified(Node atom) {
        if (i >= len) {
            return atom;
        }
        int at = i;
        char c = p.charAt(i);
        int min;
        int max;
        if (c == '?') {
            min = 0;
            max = 1;
            i++;
        } else if (c == '*') {
            min = 0;
            max = -1;
            i++;
        } else if (c == '+') {
            min = 1;
            max = -1;
            i++;
        } else if (c == '{' && boundsEnd(i) > 0) {
            int[] b = bounds();
            min = b[0];
            max = b[1];
        } else {
            return atom;
        }
        Greed greed = Greed.GREEDY;
        if (i < len && p.charAt(i) == '?') {
            greed = Greed.LAZY;
            i++;
        } else if (i < len && p.charAt(i) == '+') {
            greed = Greed.POSSESSIVE;
            i++;
        }
        if (i < len) {
            char d = p.charAt(i);
            if (d == '*' || d == '+' || d == '?' || (d == '{' && boundsEnd(i) > 0)) {
                throw unsupported("a quantifier right after another ('" + d + "')", i);
            }
        }
        return new Repeat(atom, min, max, greed, at);
    }

    /** The index just past a valid {@code {n}, {n,}, {n,m}, {,m}} starting at {@code at}, or -1. */
    private int boundsEnd(int at) {
        int j = at + 1;
        int digits = 0;
        while (j < len && isDigit(p.charAt(j))) {
            j++;
            digits++;
        }
        if (j < len && p.charAt(j) == '}') {
            return digits > 0 ? j + 1 : -1;
        }
        if (j >= len || p.charAt(j) != ',') {
            return -1;
        }
        j++;
        int digits2 = 0;
        while (j < len && isDigit(p.charAt(j))) {
            j++;
            digits2++;
        }
        if (j < len && p.charAt(j) == '}' && (digits > 0 || digits2 > 0)) {
            return j + 1;
        }
        return -1;
    }

    private int[] bounds() {
        int start = i;
        int end = boundsEnd(i);
        String body = p.substring(start + 1, end - 1);
        int comma = body.indexOf(',');
        int min;
        int max;
        if (comma < 0) {
            min = count(body, start);
            max = min;
        } else {
            min = comma == 0 ? 0 : count(body.substring(0, comma), start);
            max = comma == body.length() - 1 ? -1 : count(body.substring(comma + 1), start);
        }
        if (max >= 0 && max < min) {
            throw error("repetition {" + body + "} has its maximum below its minimum", start);
        }
        i = end;
        return new int[] {min, max};
    }

    private int count(String digits, int at) {
        if (digits.length() > 6 || Integer.parseInt(digits) > MAX_REPEAT) {
            throw unsupported("a repetition count over " + MAX_REPEAT, at);
        }
        return Integer.parseInt(digits);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** One atom, or {@code null} for a flag group such as {@code (?i)} that matches nothing itself. */
    private Node atom() {
        int start = i;
        int c = p.codePointAt(i);
        switch (c) {
            case '(':
                return group();
            case '[':
                i++;
                return new Chars(classBody(start));
            case '.':
                i++;
                return new Chars(DOT);
            case '^':
                i++;
                return new Assertion(Anchor.TEXT_START);
            case '$':
                i++;
                return new Assertion(Anchor.TEXT_END);
            case '\\':
                return escape();
            case '*':
            case '+':
            case '?':
                throw error("quantifier '" + (char) c + "' has nothing to repeat", start);
            case '{':
                if (boundsEnd(i) > 0) {
                    throw error("quantifier " + p.substring(i, boundsEnd(i)) + " has nothing to repeat", start);
                }
                i++;
                return literal('{');
            default:
                i += Character.charCount(c);
                return literal(c);
        }
    }

    private Node literal(int cp) {
        CodePointSet set = CodePointSet.of(cp);
        return new Chars(caseInsensitive ? CaseFolding.close(set) : set);
    }

    private void enter(int at) {
        if (++nesting > MAX_NESTING) {
            throw unsupported("nesting of groups and classes deeper than " + MAX_NESTING, at);
        }
    }

    private Node group() {
        int start = i;
        enter(start);
        i++;
        boolean saved = caseInsensitive;
        Node result;
        if (i < len && p.charAt(i) == '*') {
            throw unsupported("backtracking control verb (*...)", start);
        }
        if (i < len && p.charAt(i) == '?') {
            i++;
            if (i >= len) {
                throw error("unclosed group", start);
            }
            char c = p.charAt(i);
            char next = i + 1 < len ? p.charAt(i + 1) : '\0';
            switch (c) {
                case ':':
                    i++;
                    result = alternation();
                    break;
                case '=':
                case '!':
                    i++;
                    result = new Look(alternation(), false, c == '!', start);
                    break;
                case '>':
                    i++;
                    result = new Atomic(alternation());
                    break;
                case '<':
                    if (next == '=' || next == '!') {
                        i += 2;
                        Node body = alternation();
                        if (Analysis.maxLength(body) < 0) {
                            throw unsupported("lookbehind of unbounded length", start);
                        }
                        result = new Look(body, true, next == '!', start);
                        break;
                    }
                    throw unsupported("named group (?<name>...)", start);
                case 'P':
                    if (next == '<') {
                        throw unsupported("named group (?P<name>...)", start);
                    }
                    if (next == '=') {
                        throw unsupported("backreference (?P=name)", start);
                    }
                    throw unsupported("subroutine call (?P>name)", start);
                case '\'':
                    throw unsupported("named group (?'name'...)", start);
                case '#':
                    throw unsupported("comment group (?#...)", start);
                case '(':
                    throw unsupported("conditional group (?(...)...)", start);
                case '|':
                    throw unsupported("branch reset group (?|...)", start);
                case '~':
                    throw unsupported("absence operator (?~...)", start);
                case '&':
                case 'R':
                    throw unsupported("recursion or subroutine call (?" + c + "...)", start);
                default:
                    if (isDigit(c) || ((c == '+' || c == '-') && isDigit(next))) {
                        throw unsupported("recursion or subroutine call (?" + c + "...)", start);
                    }
                    if (flags(start)) {
                        nesting--;
                        return null; // (?i): applies to the rest of the enclosing group
                    }
                    result = alternation();
                    break;
            }
        } else {
            result = alternation(); // a capturing group; captures are not reported
        }
        if (i >= len || p.charAt(i) != ')') {
            throw error("unclosed group", start);
        }
        i++;
        caseInsensitive = saved;
        nesting--;
        return result;
    }

    /**
     * Reads the flags of {@code (?flags)} or {@code (?flags:}; only {@code i} is supported. Returns
     * {@code true} for the standalone form (consumed through its {@code )}), {@code false} for the
     * scoped form (consumed through its {@code :}).
     */
    private boolean flags(int start) {
        boolean on = true;
        boolean value = caseInsensitive;
        int count = 0;
        while (i < len) {
            char f = p.charAt(i);
            if (f == ':' || f == ')') {
                break;
            }
            if (f == '-') {
                if (!on) {
                    throw error("flag group with two '-'", i);
                }
                on = false;
            } else if (f == 'i') {
                value = on;
                count++;
            } else if (Character.isLetter(f)) {
                throw unsupported("flag '" + f + "'", i, "only 'i' is");
            } else {
                throw error("unknown group syntax (?" + f, start);
            }
            i++;
        }
        if (i >= len) {
            throw error("unclosed group", start);
        }
        if (count == 0) {
            throw error("flag group without flags", start);
        }
        caseInsensitive = value;
        return p.charAt(i++) == ')';
    }

    /** An escape outside a class: an anchor or a set of code points. */
    private Node escape() {
        int start = i;
        if (i + 1 >= len) {
            throw error("pattern ends with a backslash", start);
        }
        char c = p.charAt(i + 1);
        Anchor anchor = switch (c) {
            case 'A' -> Anchor.TEXT_START;
            case 'z' -> Anchor.TEXT_END;
            case 'Z' -> Anchor.TEXT_END_BEFORE_NEWLINE;
            case 'b' -> Anchor.WORD_BOUNDARY;
            case 'B' -> Anchor.NOT_WORD_BOUNDARY;
            default -> null;
        };
        if (anchor != null) {
            i += 2;
            return new Assertion(anchor);
        }
        Item item = escapeItem(false);
        CodePointSet set = item.set != null ? item.set : CodePointSet.of(item.cp);
        return new Chars(caseInsensitive ? CaseFolding.close(set) : set);
    }

    /** A class member or escape: one code point ({@code set == null}) or a set. */
    private record Item(int cp, CodePointSet set) {
    }

    /** The escape at {@code i} (a backslash), inside a class or not; anchors are handled by the caller. */
    private Item escapeItem(boolean inClass) {
        int start = i;
        i++;
        if (i >= len) {
            throw error("pattern ends with a backslash", start);
        }
        int c = p.codePointAt(i);
        i += Character.charCount(c);
        switch (c) {
            case 'd':
                return new Item(-1, UnicodeSets.digits());
            case 'D':
                return new Item(-1, UnicodeSets.digits().complement());
            case 's':
                return new Item(-1, UnicodeSets.WHITE_SPACE);
            case 'S':
                return new Item(-1, UnicodeSets.WHITE_SPACE.complement());
            case 'w':
                return new Item(-1, UnicodeSets.word());
            case 'W':
                return new Item(-1, UnicodeSets.word().complement());
            case 'p':
            case 'P':
                return new Item(-1, property(start, c == 'P'));
            case 't':
                return new Item('\t', null);
            case 'n':
                return new Item('\n', null);
            case 'r':
                return new Item('\r', null);
            case 'f':
                return new Item('\f', null);
            case 'v':
                return new Item(0x0B, null);
            case 'a':
                return new Item(0x07, null);
            case 'e':
                return new Item(0x1B, null);
            case 'x':
                return new Item(hex(start, 2, true), null);
            case 'u':
                return new Item(hex(start, 4, false), null);
            case 'b':
                if (inClass) {
                    return new Item(0x08, null);
                }
                break;
            case 'A':
            case 'z':
            case 'Z':
            case 'B':
                throw error("anchor \\" + (char) c + " inside a character class", start);
            case 'G':
                throw unsupported("\\G", start, "the end of the previous match");
            case 'K':
                throw unsupported("\\K", start, "keep");
            case 'k':
                throw unsupported("backreference \\k<name>", start);
            case 'g':
                throw unsupported("backreference or subroutine call \\g", start);
            case 'Q':
                throw unsupported("quoting \\Q...\\E", start);
            case 'c':
            case 'C':
            case 'M':
                throw unsupported("control escape \\" + (char) c, start);
            case 'h':
            case 'H':
                throw unsupported("\\" + (char) c, start, "a hex digit in Oniguruma, horizontal space in Perl");
            case 'R':
                throw unsupported("\\R", start, "line break");
            case 'X':
                throw unsupported("\\X", start, "grapheme cluster");
            case 'N':
            case 'O':
                throw unsupported("\\" + (char) c, start);
            case '0':
                throw unsupported("octal escape \\0", start);
            default:
                break;
        }
        if (c >= '1' && c <= '9') {
            throw unsupported("backreference \\" + (char) c, start);
        }
        if (c < 0x80 && Character.isLetterOrDigit(c)) {
            throw error("unknown escape \\" + (char) c, start);
        }
        return new Item(c, null); // an escaped punctuation or other non-alphanumeric character
    }

    /** {@code \xHH}, {@code \x{H..}}, <code>&#92;uHHHH</code> or <code>&#92;u{H..}</code>, after the letter. */
    private int hex(int start, int digits, boolean fewerAllowed) {
        String value;
        if (i < len && p.charAt(i) == '{') {
            int close = p.indexOf('}', i);
            if (close < 0) {
                throw error("unclosed \\" + p.charAt(start + 1) + "{", start);
            }
            value = p.substring(i + 1, close);
            i = close + 1;
        } else {
            int j = i;
            while (j < len && j - i < digits && Character.digit(p.charAt(j), 16) >= 0) {
                j++;
            }
            if (j == i || (j - i < digits && !fewerAllowed)) {
                throw error("\\" + p.charAt(start + 1) + " needs " + digits + " hex digits", start);
            }
            value = p.substring(i, j);
            i = j;
        }
        if (value.isEmpty() || value.length() > 8 || !value.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw error("bad hex escape", start);
        }
        long cp = Long.parseLong(value, 16);
        if (cp > Character.MAX_CODE_POINT) {
            throw error("code point \\x{" + value + "} is beyond U+10FFFF", start);
        }
        return (int) cp;
    }

    /** {@code \p{Name}}, {@code \p{^Name}} or {@code \pL}, after the letter. */
    private CodePointSet property(int start, boolean negated) {
        String name;
        if (i < len && p.charAt(i) == '{') {
            int close = p.indexOf('}', i);
            if (close < 0) {
                throw error("unclosed \\p{", start);
            }
            name = p.substring(i + 1, close);
            i = close + 1;
        } else if (i < len && Character.isLetter(p.charAt(i))) {
            name = p.substring(i, i + 1);
            i++;
        } else {
            throw error("\\p needs a property name", start);
        }
        if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
        }
        CodePointSet set = UnicodeSets.property(name);
        if (set == null) {
            throw unsupported("Unicode property \\p{" + name + "}", start,
                    "only General_Category, Any, ASCII, Assigned, White_Space and Word are");
        }
        return negated ? set.complement() : set;
    }

    /** A class after its {@code [}, through its {@code ]}. */
    private CodePointSet classBody(int start) {
        enter(start);
        boolean negate = false;
        if (i < len && p.charAt(i) == '^') {
            negate = true;
            i++;
        }
        CodePointSet set = classUnion(start, true);
        while (i + 1 < len && p.charAt(i) == '&' && p.charAt(i + 1) == '&') {
            i += 2;
            set = set.intersect(classUnion(start, false));
        }
        if (i >= len || p.charAt(i) != ']') {
            throw error("unclosed character class", start);
        }
        i++;
        nesting--;
        if (caseInsensitive) {
            set = CaseFolding.close(set);
        }
        return negate ? set.complement() : set;
    }

    private CodePointSet classUnion(int start, boolean first) {
        CodePointSet.Builder b = new CodePointSet.Builder();
        boolean any = false;
        while (true) {
            if (i >= len) {
                throw error("unclosed character class", start);
            }
            char c = p.charAt(i);
            if (c == ']' && (any || !first)) {
                break;
            }
            if (c == '&' && i + 1 < len && p.charAt(i + 1) == '&') {
                break;
            }
            if (c == '[') {
                if (i + 1 < len && p.charAt(i + 1) == ':' && p.indexOf(":]", i + 2) > 0) {
                    throw unsupported("POSIX class [:name:]", i);
                }
                int nested = i;
                i++;
                b.addAll(classBody(nested));
                any = true;
                continue;
            }
            int itemStart = i;
            Item lo = classItem();
            boolean rangeFollows = i + 1 < len && p.charAt(i) == '-' && p.charAt(i + 1) != ']';
            if (lo.set != null) {
                if (rangeFollows) {
                    throw error("a range cannot start with a class escape", itemStart);
                }
                b.addAll(lo.set);
            } else if (rangeFollows) {
                i++;
                int hiStart = i;
                if (p.charAt(i) == '[') {
                    throw error("a range cannot end with a class", hiStart);
                }
                Item hi = classItem();
                if (hi.set != null) {
                    throw error("a range cannot end with a class escape", hiStart);
                }
                if (hi.cp < lo.cp) {
                    throw error("range out of order", itemStart);
                }
                b.add(lo.cp, hi.cp);
            } else {
                b.add(lo.cp);
            }
            any = true;
        }
        return b.build();
    }

    private Item classItem() {
        if (p.charAt(i) == '\\') {
            return escapeItem(true);
        }
        int cp = p.codePointAt(i);
        i += Character.charCount(cp);
        return new Item(cp, null);
    }
}
