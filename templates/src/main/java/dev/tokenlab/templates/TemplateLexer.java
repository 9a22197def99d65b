package dev.tokenlab.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a template into tokens as jinja2's lexer does with transformers' settings: newlines normalized to
 * {@code \n} and one trailing newline dropped ({@code keep_trailing_newline=False}); {@code trim_blocks} (the
 * newline after a block or comment tag goes) and {@code lstrip_blocks} (spaces and tabs from the start of a line
 * to a block or comment tag go); {@code -} on either side of a tag strips all whitespace on that side, {@code +}
 * turns lstrip or trim off. Comments vanish, {@code {% raw %}} bodies become data, and inside tags the expression
 * tokens follow (names, Python string literals unescaped, integers, floats, operators).
 */
final class TemplateLexer {
    private static final Pattern RAW_BEGIN = Pattern.compile("\\{%([-+]?)\\s*raw\\s*(-?)%}");
    private static final Pattern RAW_END = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*([-+]?)%}");
    private static final Pattern FLOAT = Pattern.compile(
            "(?:\\d+_)*\\d+(?:(?:\\.(?:\\d+_)*\\d+)?[eE][+\\-]?(?:\\d+_)*\\d+|\\.(?:\\d+_)*\\d+)");
    private static final Pattern INTEGER = Pattern.compile(
            "0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\\da-fA-F])+|[1-9](?:_?\\d)*|0(?:_?0)*");
    private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    private static final String[] OPERATORS = {"//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]",
            "(", ")", "{", "}", "<", ">", "=", ".", ":", "|", ",", ";"};

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private TemplateLexer(String source) {
        this.source = source;
    }

    /** jinja2's view of the source: {@code \r\n} and {@code \r} as {@code \n}, one trailing newline dropped. */
    static String normalize(String source) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** The tokens of a normalized source, ending with EOF. */
    static List<Token> tokenize(String normalized) {
        TemplateLexer lexer = new TemplateLexer(normalized);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        int n = source.length();
        while (pos < n) {
            int tag = nextTag(pos);
            if (tag < 0) {
                data(source.substring(pos), pos);
                break;
            }
            char type = source.charAt(tag + 1);
            char sign = tag + 2 < n ? source.charAt(tag + 2) : 0;
            boolean lstrip = type != '{';
            Matcher raw = type == '%' ? RAW_BEGIN.matcher(source).region(tag, n) : null;
            if (raw != null && raw.lookingAt()) {
                data(whitespaceBefore(source.substring(pos, tag), sign, lstrip, pos), pos);
                rawBlock(raw);
                continue;
            }
            data(whitespaceBefore(source.substring(pos, tag), sign, lstrip, pos), pos);
            int open = tag + 2 + (sign == '-' || sign == '+' ? 1 : 0);
            if (type == '#') {
                comment(tag, open);
            } else {
                tokens.add(new Token(type == '{' ? Token.Kind.VAR_BEGIN : Token.Kind.BLOCK_BEGIN, "", tag));
                pos = open;
                expression(type == '{');
            }
        }
        tokens.add(new Token(Token.Kind.EOF, "", n));
    }

    private int nextTag(int from) {
        int i = source.indexOf('{', from);
        while (i >= 0 && i + 1 < source.length()) {
            char c = source.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
            i = source.indexOf('{', i + 1);
        }
        return -1;
    }

    /** The data before a tag, with the tag's left whitespace control applied. */
    private String whitespaceBefore(String text, char sign, boolean lstrip, int textStart) {
        if (sign == '-') {
            return PyStrings.strip(text, null, false, true);
        }
        if (sign != '+' && lstrip) {
            int lineStart = text.lastIndexOf('\n') + 1;
            boolean lineStarting = textStart == 0 || source.charAt(textStart - 1) == '\n';
            if ((lineStart > 0 || lineStarting) && lineStart < text.length() && allSpace(text, lineStart)) {
                return text.substring(0, lineStart);
            }
        }
        return text;
    }

    private static boolean allSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!PyStrings.isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** After a tag's end: {@code -} eats all whitespace, {@code +} nothing, otherwise trim_blocks eats one newline. */
    private void afterTagEnd(int end, char sign, boolean trim) {
        pos = end;
        if (sign == '-') {
            while (pos < source.length() && PyStrings.isSpace(source.charAt(pos))) {
                pos++;
            }
        } else if (sign != '+' && trim && pos < source.length() && source.charAt(pos) == '\n') {
            pos++;
        }
    }

    private void comment(int tag, int open) {
        int close = source.indexOf("#}", open);
        if (close < 0) {
            throw TemplateParser.syntaxError(source, tag, "Missing end of comment tag");
        }
        char sign = close > open && (source.charAt(close - 1) == '-' || source.charAt(close - 1) == '+')
                ? source.charAt(close - 1) : 0;
        afterTagEnd(close + 2, sign, true);
    }

    private void rawBlock(Matcher begin) {
        int bodyStart = begin.end();
        if (!begin.group(2).isEmpty()) {
            bodyStart = skipSpace(bodyStart);
        }
        Matcher end = RAW_END.matcher(source).region(bodyStart, source.length());
        if (!end.find()) {
            throw TemplateParser.syntaxError(source, begin.start(), "Missing end of raw directive");
        }
        char sign = end.group(1).isEmpty() ? 0 : end.group(1).charAt(0);
        String body = whitespaceBefore(source.substring(bodyStart, end.start()), sign, true, bodyStart);
        data(body, bodyStart);
        afterTagEnd(end.end(), end.group(2).isEmpty() ? 0 : end.group(2).charAt(0), true);
    }

    private int skipSpace(int i) {
        while (i < source.length() && PyStrings.isSpace(source.charAt(i))) {
            i++;
        }
        return i;
    }

    private void data(String text, int at) {
        if (!text.isEmpty()) {
            tokens.add(new Token(Token.Kind.DATA, text, at));
        }
    }

    /** The tokens of a {@code {{ }}} or {@code {% %}} up to its end delimiter. */
    private void expression(boolean variable) {
        int start = pos;
        int depth = 0;
        int n = source.length();
        while (true) {
            pos = skipSpace(pos);
            if (pos >= n) {
                throw TemplateParser.syntaxError(source, start, variable ? "unexpected end of template, expected 'end of print statement'."
                        : "unexpected end of template, expected 'end of statement block'.");
            }
            if (depth == 0 && end(variable)) {
                return;
            }
            char c = source.charAt(pos);
            if (c == '\'' || c == '"') {
                string(c);
                continue;
            }
            Matcher m;
            if (Character.isDigit(c)) {
                boolean afterDot = pos > 0 && source.charAt(pos - 1) == '.';
                m = FLOAT.matcher(source).region(pos, n);
                if (!afterDot && m.lookingAt()) {
                    tokens.add(new Token(Token.Kind.FLOAT, m.group().replace("_", ""), pos));
                    pos = m.end();
                    continue;
                }
                m = INTEGER.matcher(source).region(pos, n);
                if (m.lookingAt()) {
                    tokens.add(new Token(Token.Kind.INTEGER, m.group().replace("_", ""), pos));
                    pos = m.end();
                    continue;
                }
            }
            m = NAME.matcher(source).region(pos, n);
            if (m.lookingAt()) {
                tokens.add(new Token(Token.Kind.NAME, m.group(), pos));
                pos = m.end();
                continue;
            }
            String op = operator();
            if (op == null) {
                throw TemplateParser.syntaxError(source, pos, "unexpected char " + PyStrings.repr(String.valueOf(c)));
            }
            if (op.equals("(") || op.equals("[") || op.equals("{")) {
                depth++;
            } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
                if (depth == 0) {
                    throw TemplateParser.syntaxError(source, pos, "unexpected '" + op + "'");
                }
                depth--;
            }
            tokens.add(new Token(Token.Kind.OPERATOR, op, pos));
            pos += op.length();
        }
    }

    private boolean end(boolean variable) {
        String close = variable ? "}}" : "%}";
        char c = source.charAt(pos);
        if (c == '-' && source.startsWith(close, pos + 1)) {
            tokens.add(new Token(variable ? Token.Kind.VAR_END : Token.Kind.BLOCK_END, "", pos));
            afterTagEnd(pos + 3, '-', !variable);
            return true;
        }
        if (!variable && c == '+' && source.startsWith(close, pos + 1)) {
            tokens.add(new Token(Token.Kind.BLOCK_END, "", pos));
            afterTagEnd(pos + 3, '+', true);
            return true;
        }
        if (source.startsWith(close, pos)) {
            tokens.add(new Token(variable ? Token.Kind.VAR_END : Token.Kind.BLOCK_END, "", pos));
            afterTagEnd(pos + 2, (char) 0, !variable);
            return true;
        }
        return false;
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (source.startsWith(op, pos)) {
                return op;
            }
        }
        return null;
    }

    /** A Python string literal, unescaped as Python's {@code unicode-escape} codec does. */
    private void string(char quote) {
        int start = pos;
        StringBuilder out = new StringBuilder();
        int i = pos + 1;
        int n = source.length();
        while (true) {
            if (i >= n) {
                throw TemplateParser.syntaxError(source, start, "unexpected end of string");
            }
            char c = source.charAt(i);
            if (c == quote) {
                break;
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                throw TemplateParser.syntaxError(source, start, "unexpected end of string");
            }
            char e = source.charAt(i + 1);
            i += 2;
            switch (e) {
                case '\n' -> { }
                case '\\' -> out.append('\\');
                case '\'' -> out.append('\'');
                case '"' -> out.append('"');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > n || !source.substring(i, i + digits).matches("[0-9a-fA-F]+")) {
                        throw TemplateParser.syntaxError(source, i - 2, "truncated \\" + e + " escape in a string");
                    }
                    int code = (int) Long.parseLong(source.substring(i, i + digits), 16);
                    if (!Character.isValidCodePoint(code)) {
                        throw TemplateParser.syntaxError(source, i - 2, "illegal Unicode character in a string");
                    }
                    out.appendCodePoint(code);
                    i += digits;
                }
                case 'N' -> {
                    int close = i < n && source.charAt(i) == '{' ? source.indexOf('}', i) : -1;
                    int code;
                    try {
                        code = close < 0 ? -1 : Character.codePointOf(source.substring(i + 1, close));
                    } catch (IllegalArgumentException unknown) {
                        code = -1;
                    }
                    if (code < 0) {
                        throw TemplateParser.syntaxError(source, i - 2, "malformed \\N character escape");
                    }
                    out.appendCodePoint(code);
                    i = close + 1;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int code = e - '0';
                        for (int k = 0; k < 2 && i < n && source.charAt(i) >= '0' && source.charAt(i) <= '7'; k++) {
                            code = code * 8 + source.charAt(i++) - '0';
                        }
                        out.append((char) code);
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        tokens.add(new Token(Token.Kind.STRING, out.toString(), start));
        pos = i + 1;
    }
}
