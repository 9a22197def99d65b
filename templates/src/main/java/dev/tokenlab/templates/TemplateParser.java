package dev.tokenlab.templates;

import dev.tokenlab.templates.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the node tree of a template from its tokens, with jinja2's grammar and operator precedence (from
 * loosest: {@code x if c else y}, {@code or}, {@code and}, {@code not}, comparisons and {@code in}, {@code + -},
 * {@code ~}, {@code * / // %}, {@code **}, unary {@code - +}, then postfix {@code . [] ()} and the filter and test
 * chain {@code | is}). Unknown filters and tests are errors here, as jinja2 reports them when it compiles.
 */
final class TemplateParser {
    private static final int MAX_NESTING = 200;
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", ">", "<=", ">=");

    private final String source;
    private final List<Token> tokens;
    private int at;
    private int nesting;
    private int loops;
    /** Names read since the innermost macro began: a macro that reads varargs or kwargs accepts extra arguments. */
    private Set<String> namesRead = new java.util.HashSet<>();

    private TemplateParser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /** Parses a normalized source (see {@link TemplateLexer#normalize}). */
    static List<Node> parse(String normalized) {
        TemplateParser parser = new TemplateParser(normalized, TemplateLexer.tokenize(normalized));
        List<Node> body = parser.subparse(Set.of());
        parser.expect(Kind.EOF, "end of template");
        return body;
    }

    static TemplateException syntaxError(String source, int pos, String message) {
        return syntaxError(source, pos, message, "TemplateSyntaxError");
    }

    static TemplateException syntaxError(String source, int pos, String message, String kind) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TemplateException(kind, message, line, pos - lineStart + 1);
    }

    private TemplateException error(Token t, String message) {
        return syntaxError(source, t.pos(), message);
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.EOF) {
            at++;
        }
        return t;
    }

    private boolean skipOp(String op) {
        if (peek().isOp(op)) {
            at++;
            return true;
        }
        return false;
    }

    private boolean skipName(String name) {
        if (peek().isName(name)) {
            at++;
            return true;
        }
        return false;
    }

    private Token expect(Kind kind, String what) {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t, "expected token '" + what + "', got " + describe(t));
        }
        return next();
    }

    private void expectOp(String op) {
        if (!skipOp(op)) {
            throw error(peek(), "expected token '" + op + "', got " + describe(peek()));
        }
    }

    private String name() {
        return expect(Kind.NAME, "a name").text();
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "'end of template'";
            case VAR_END -> "'end of print statement'";
            case BLOCK_END -> "'end of statement block'";
            case DATA -> "'template data / text'";
            case STRING -> "'string'";
            default -> "'" + t.text() + "'";
        };
    }

    private void enter(Token t) {
        if (++nesting > MAX_NESTING) {
            throw error(t, "the template nests deeper than " + MAX_NESTING + " levels");
        }
    }

    // ---- statements -------------------------------------------------------------------------------------------

    /** Nodes up to a block tag named in {@code ends} (left as the current token, its {@code {%} consumed). */
    private List<Node> subparse(Set<String> ends) {
        return subparse(List.copyOf(ends), null);
    }

    private List<Node> subparse(List<String> ends, String block) {
        List<Node> body = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case DATA -> body.add(new Node.Text(next().pos(), t.text()));
                case VAR_BEGIN -> {
                    next();
                    Expr e = parseTuple(true, false, Set.of());
                    expect(Kind.VAR_END, "end of print statement");
                    body.add(new Node.Output(t.pos(), e));
                }
                case BLOCK_BEGIN -> {
                    Token name = peek(1);
                    if (name.kind() == Kind.NAME && ends.contains(name.text())) {
                        next();
                        return body;
                    }
                    next();
                    enter(t);
                    body.add(statement(t));
                    nesting--;
                }
                case EOF -> {
                    if (!ends.isEmpty()) {
                        throw error(t, "Unexpected end of template. Jinja was looking for the following tags: "
                                + String.join(" or ", ends.stream().map(s -> "'" + s + "'").toList()) + "."
                                + (block == null ? "" : " The innermost block that needs to be closed is '" + block + "'."));
                    }
                    return body;
                }
                default -> throw error(t, "unexpected " + describe(t));
            }
        }
    }

    private Node statement(Token begin) {
        Token t = peek();
        if (t.kind() != Kind.NAME) {
            throw error(t, "tag name expected");
        }
        next();
        int pos = begin.pos();
        return switch (t.text()) {
            case "if" -> parseIf(pos);
            case "for" -> parseFor(pos);
            case "set" -> parseSet(pos);
            case "macro" -> parseMacro(pos);
            case "call" -> parseCallBlock(pos);
            case "filter" -> parseFilterBlock(pos);
            case "with" -> parseWith(pos);
            case "generation" -> {
                expect(Kind.BLOCK_END, "end of statement block");
                List<Node> body = subparse(List.of("endgeneration"), "generation");
                endTag();
                yield new Node.Block(pos, body);
            }
            case "break", "continue" -> {
                if (loops == 0) {
                    throw error(t, "Unexpected '" + t.text() + "' outside of a loop");
                }
                expect(Kind.BLOCK_END, "end of statement block");
                yield t.text().equals("break") ? new Node.Break(pos) : new Node.Continue(pos);
            }
            default -> throw error(t, "Encountered unknown tag '" + t.text() + "'.");
        };
    }

    /** Consumes the end tag's name (current) and its {@code %}}. */
    private void endTag() {
        next();
        expect(Kind.BLOCK_END, "end of statement block");
    }

    private Node parseIf(int pos) {
        List<Expr> conditions = new ArrayList<>();
        List<List<Node>> bodies = new ArrayList<>();
        List<Node> otherwise = List.of();
        conditions.add(parseTuple(false, false, Set.of()));
        expect(Kind.BLOCK_END, "end of statement block");
        while (true) {
            bodies.add(subparse(List.of("elif", "else", "endif"), "if"));
            String tag = next().text();
            if (tag.equals("elif")) {
                conditions.add(parseTuple(false, false, Set.of()));
                expect(Kind.BLOCK_END, "end of statement block");
            } else if (tag.equals("else")) {
                expect(Kind.BLOCK_END, "end of statement block");
                otherwise = subparse(List.of("endif"), "if");
                endTag();
                break;
            } else {
                expect(Kind.BLOCK_END, "end of statement block");
                break;
            }
        }
        return new Node.If(pos, conditions, bodies, otherwise);
    }

    private Node parseFor(int pos) {
        expectTarget();
        List<String> targets = new ArrayList<>();
        boolean parens = skipOp("(");
        targets.add(name());
        boolean unpack = false;
        while (skipOp(",")) {
            unpack = true;
            if (peek().kind() == Kind.NAME && !peek().isName("in")) {
                targets.add(name());
            }
        }
        if (parens) {
            expectOp(")");
        }
        if (!skipName("in")) {
            throw error(peek(), "expected token 'in', got " + describe(peek()));
        }
        Expr iterable = parseTuple(false, false, Set.of("recursive"));
        Expr filter = skipName("if") ? parseExpression(true) : null;
        if (peek().isName("recursive")) {
            throw error(peek(), "recursive loops are not supported");
        }
        expect(Kind.BLOCK_END, "end of statement block");
        loops++;
        List<Node> body = subparse(List.of("endfor", "else"), "for");
        loops--;
        List<Node> otherwise = List.of();
        if (next().text().equals("else")) {
            expect(Kind.BLOCK_END, "end of statement block");
            otherwise = subparse(List.of("endfor"), "for");
            next();
        }
        expect(Kind.BLOCK_END, "end of statement block");
        return new Node.For(pos, targets, unpack, iterable, filter, body, otherwise);
    }

    private Node parseSet(int pos) {
        expectTarget();
        String first = name();
        if (skipOp(".")) {
            String attribute = name();
            expectOp("=");
            Expr value = parseTuple(true, false, Set.of());
            expect(Kind.BLOCK_END, "end of statement block");
            return new Node.Set(pos, List.of(first), false, attribute, value);
        }
        List<String> targets = new ArrayList<>(List.of(first));
        boolean unpack = false;
        while (skipOp(",")) {
            unpack = true;
            if (peek().kind() == Kind.NAME) {
                targets.add(name());
            }
        }
        if (skipOp("=")) {
            Expr value = parseTuple(true, false, Set.of());
            expect(Kind.BLOCK_END, "end of statement block");
            return new Node.Set(pos, targets, unpack, null, value);
        }
        if (unpack) {
            throw error(peek(), "expected '='");
        }
        Expr filter = peek().isOp("|") ? parseFilterChain(null) : null;
        expect(Kind.BLOCK_END, "end of statement block");
        List<Node> body = subparse(List.of("endset"), "set");
        endTag();
        return new Node.SetBlock(pos, first, filter, body);
    }

    /** An assignment target must follow ({@code for x}, {@code set x}); jinja2 words the error as for an expression. */
    private void expectTarget() {
        Token t = peek();
        if (t.kind() != Kind.NAME && !t.isOp("(")) {
            throw error(t, "Expected an expression, got " + describe(t));
        }
    }

    private Node parseMacro(int pos) {
        String name = name();
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        parseSignature(params, defaults);
        expect(Kind.BLOCK_END, "end of statement block");
        int savedLoops = loops;
        loops = 0;
        Set<String> outerNames = namesRead;
        namesRead = new java.util.HashSet<>();
        List<Node> body = subparse(List.of("endmacro"), "macro");
        boolean varargs = namesRead.contains("varargs");
        boolean kwargs = namesRead.contains("kwargs");
        outerNames.addAll(namesRead);
        namesRead = outerNames;
        loops = savedLoops;
        next();
        if (peek().kind() == Kind.NAME) {
            next();
        }
        expect(Kind.BLOCK_END, "end of statement block");
        return new Node.Macro(pos, name, params, defaults, body, varargs, kwargs);
    }

    private void parseSignature(List<String> params, List<Expr> defaults) {
        expectOp("(");
        while (!skipOp(")")) {
            if (!params.isEmpty()) {
                expectOp(",");
                if (skipOp(")")) {
                    break;
                }
            }
            params.add(name());
            if (skipOp("=")) {
                defaults.add(parseExpression(true));
            } else if (!defaults.isEmpty()) {
                throw error(peek(), "non-default argument follows default argument");
            }
        }
    }

    private Node parseCallBlock(int pos) {
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        if (peek().isOp("(")) {
            parseSignature(params, defaults);
        }
        Token t = peek();
        Expr call = parseExpression(true);
        if (!(call instanceof Expr.Call c)) {
            throw error(t, "expected call");
        }
        expect(Kind.BLOCK_END, "end of statement block");
        int savedLoops = loops;
        loops = 0;
        List<Node> body = subparse(List.of("endcall"), "call");
        loops = savedLoops;
        endTag();
        return new Node.CallBlock(pos, c, params, defaults, body);
    }

    private Node parseFilterBlock(int pos) {
        Expr filter = parseFilterChain(null);
        expect(Kind.BLOCK_END, "end of statement block");
        List<Node> body = subparse(List.of("endfilter"), "filter");
        endTag();
        return new Node.FilterBlock(pos, filter, body);
    }

    private Node parseWith(int pos) {
        List<String> names = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (peek().kind() != Kind.BLOCK_END) {
            if (!names.isEmpty()) {
                expectOp(",");
            }
            names.add(name());
            expectOp("=");
            values.add(parseExpression(true));
        }
        next();
        List<Node> body = subparse(List.of("endwith"), "with");
        endTag();
        return new Node.With(pos, names, values, body);
    }

    // ---- expressions ------------------------------------------------------------------------------------------

    private Expr parseExpression(boolean withCondexpr) {
        Token t = peek();
        enter(t);
        Expr e = withCondexpr ? parseCondexpr() : parseOr();
        nesting--;
        return e;
    }

    /** A bare tuple {@code a, b} or one expression; {@code explicit} for the inside of parentheses. */
    private Expr parseTuple(boolean withCondexpr, boolean explicit, Set<String> extraEnds) {
        int pos = peek().pos();
        List<Expr> items = new ArrayList<>();
        boolean tuple = false;
        while (true) {
            if (!items.isEmpty()) {
                expectOp(",");
            }
            Token t = peek();
            if (t.kind() == Kind.VAR_END || t.kind() == Kind.BLOCK_END || t.isOp(")")
                    || t.kind() == Kind.NAME && extraEnds.contains(t.text())) {
                break;
            }
            items.add(parseExpression(withCondexpr));
            if (peek().isOp(",")) {
                tuple = true;
            } else {
                break;
            }
        }
        if (!tuple) {
            if (!items.isEmpty()) {
                return items.get(0);
            }
            if (!explicit) {
                throw error(peek(), "Expected an expression, got " + describe(peek()));
            }
        }
        return new Expr.TupleLit(pos, items);
    }

    private Expr parseCondexpr() {
        Expr e = parseOr();
        while (peek().isName("if")) {
            int pos = next().pos();
            Expr test = parseOr();
            Expr otherwise = skipName("else") ? parseCondexpr() : null;
            e = new Expr.Conditional(pos, test, e, otherwise);
        }
        return e;
    }

    private Expr parseOr() {
        Expr e = parseAnd();
        while (peek().isName("or")) {
            int pos = next().pos();
            e = new Expr.Or(pos, e, parseAnd());
        }
        return e;
    }

    private Expr parseAnd() {
        Expr e = parseNot();
        while (peek().isName("and")) {
            int pos = next().pos();
            e = new Expr.And(pos, e, parseNot());
        }
        return e;
    }

    private Expr parseNot() {
        if (peek().isName("not")) {
            Token t = next();
            enter(t);
            Expr operand = parseNot();
            nesting--;
            return new Expr.Unary(t.pos(), "not", operand);
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        int pos = peek().pos();
        Expr first = parseMath1();
        List<String> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OPERATOR && COMPARE.contains(t.text())) {
                next();
                ops.add(t.text());
            } else if (t.isName("in")) {
                next();
                ops.add("in");
            } else if (t.isName("not") && peek(1).isName("in")) {
                next();
                next();
                ops.add("notin");
            } else {
                break;
            }
            rest.add(parseMath1());
        }
        return ops.isEmpty() ? first : new Expr.Compare(pos, first, ops, rest);
    }

    private Expr parseMath1() {
        Expr e = parseConcat();
        while (peek().isOp("+") || peek().isOp("-")) {
            Token t = next();
            e = new Expr.Binary(t.pos(), t.text(), e, parseConcat());
        }
        return e;
    }

    private Expr parseConcat() {
        Expr e = parseMath2();
        while (peek().isOp("~")) {
            Token t = next();
            e = new Expr.Binary(t.pos(), "~", e, parseMath2());
        }
        return e;
    }

    private Expr parseMath2() {
        Expr e = parsePow();
        while (peek().isOp("*") || peek().isOp("/") || peek().isOp("//") || peek().isOp("%")) {
            Token t = next();
            e = new Expr.Binary(t.pos(), t.text(), e, parsePow());
        }
        return e;
    }

    private Expr parsePow() {
        Expr e = parseUnary(true);
        while (peek().isOp("**")) {
            Token t = next();
            e = new Expr.Binary(t.pos(), "**", e, parseUnary(true));
        }
        return e;
    }

    private Expr parseUnary(boolean withFilter) {
        Token t = peek();
        enter(t);
        Expr e;
        if (t.isOp("-") || t.isOp("+")) {
            next();
            e = new Expr.Unary(t.pos(), t.text(), parseUnary(false));
        } else {
            e = parsePrimary();
        }
        e = parsePostfix(e);
        if (withFilter) {
            e = parseFilterExpr(e);
        }
        nesting--;
        return e;
    }

    private Expr parsePrimary() {
        Token t = next();
        switch (t.kind()) {
            case NAME -> {
                return switch (t.text()) {
                    case "true", "True" -> new Expr.Const(t.pos(), Boolean.TRUE);
                    case "false", "False" -> new Expr.Const(t.pos(), Boolean.FALSE);
                    case "none", "None" -> new Expr.Const(t.pos(), null);
                    default -> {
                        namesRead.add(t.text());
                        yield new Expr.Name(t.pos(), t.text());
                    }
                };
            }
            case STRING -> {
                StringBuilder s = new StringBuilder(t.text());
                while (peek().kind() == Kind.STRING) {
                    s.append(next().text());
                }
                return new Expr.Const(t.pos(), s.toString());
            }
            case INTEGER -> {
                return new Expr.Const(t.pos(), parseInteger(t));
            }
            case FLOAT -> {
                return new Expr.Const(t.pos(), Double.parseDouble(t.text()));
            }
            case OPERATOR -> {
                switch (t.text()) {
                    case "(" -> {
                        Expr e = parseTuple(true, true, Set.of());
                        expectOp(")");
                        return e;
                    }
                    case "[" -> {
                        List<Expr> items = new ArrayList<>();
                        while (!skipOp("]")) {
                            if (!items.isEmpty()) {
                                expectOp(",");
                                if (skipOp("]")) {
                                    break;
                                }
                            }
                            items.add(parseExpression(true));
                        }
                        return new Expr.ListLit(t.pos(), items);
                    }
                    case "{" -> {
                        List<Expr> keys = new ArrayList<>();
                        List<Expr> values = new ArrayList<>();
                        while (!skipOp("}")) {
                            if (!keys.isEmpty()) {
                                expectOp(",");
                                if (skipOp("}")) {
                                    break;
                                }
                            }
                            keys.add(parseExpression(true));
                            expectOp(":");
                            values.add(parseExpression(true));
                        }
                        return new Expr.DictLit(t.pos(), keys, values);
                    }
                    default -> throw error(t, "unexpected '" + t.text() + "'");
                }
            }
            default -> throw error(t, "unexpected " + describe(t));
        }
    }

    private Long parseInteger(Token t) {
        String s = t.text().toLowerCase();
        try {
            if (s.startsWith("0b")) {
                return Long.parseLong(s.substring(2), 2);
            }
            if (s.startsWith("0o")) {
                return Long.parseLong(s.substring(2), 8);
            }
            if (s.startsWith("0x")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(t, "integer literal " + t.text() + " does not fit in 64 bits");
        }
    }

    private Expr parsePostfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.isOp(".")) {
                next();
                Token attr = next();
                if (attr.kind() == Kind.NAME) {
                    e = new Expr.GetAttr(t.pos(), e, attr.text());
                } else if (attr.kind() == Kind.INTEGER) {
                    e = new Expr.GetItem(t.pos(), e, new Expr.Const(attr.pos(), parseInteger(attr)));
                } else {
                    throw error(attr, "expected name or number");
                }
            } else if (t.isOp("[")) {
                next();
                e = parseSubscript(t.pos(), e);
            } else if (t.isOp("(")) {
                e = parseCall(e);
            } else {
                return e;
            }
        }
    }

    private Expr parseSubscript(int pos, Expr target) {
        Expr start = null;
        if (!peek().isOp(":")) {
            start = parseExpression(true);
            if (skipOp("]")) {
                return new Expr.GetItem(pos, target, start);
            }
        }
        expectOp(":");
        Expr stop = peek().isOp("]") || peek().isOp(":") ? null : parseExpression(true);
        Expr step = null;
        if (skipOp(":")) {
            step = peek().isOp("]") ? null : parseExpression(true);
        }
        expectOp("]");
        return new Expr.Slice(pos, target, start, stop, step);
    }

    private Expr parseCall(Expr callee) {
        return new Expr.Call(callee.pos(), callee, parseArgs());
    }

    private Expr.Args parseArgs() {
        expectOp("(");
        List<Expr> positional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Expr> keywords = new ArrayList<>();
        boolean first = true;
        while (!skipOp(")")) {
            if (!first) {
                expectOp(",");
                if (skipOp(")")) {
                    break;
                }
            }
            first = false;
            if (peek().isOp("*") || peek().isOp("**")) {
                throw error(peek(), "*args and **kwargs in calls are not supported");
            }
            if (peek().kind() == Kind.NAME && peek(1).isOp("=")) {
                names.add(next().text());
                next();
                keywords.add(parseExpression(true));
            } else {
                if (!names.isEmpty()) {
                    throw error(peek(), "invalid syntax for function call expression");
                }
                positional.add(parseExpression(true));
            }
        }
        return new Expr.Args(positional, names, keywords);
    }

    private Expr parseFilterExpr(Expr e) {
        while (true) {
            Token t = peek();
            if (t.isOp("|")) {
                e = parseFilterChain(e);
            } else if (t.isName("is")) {
                e = parseTest(e);
            } else if (t.isOp("(")) {
                e = parseCall(e);
            } else {
                return e;
            }
        }
    }

    /** {@code | name(args) | name …} applied to {@code value} (null in filter blocks and set blocks). */
    private Expr parseFilterChain(Expr value) {
        Expr e = value;
        boolean first = value == null;
        while (first || peek().isOp("|")) {
            if (!first || peek().isOp("|")) {
                expectOp("|");
            }
            first = false;
            Token t = peek();
            String name = dottedName();
            if (!Filters.exists(name)) {
                throw syntaxError(source, t.pos(), "No filter named '" + name + "'.", "TemplateAssertionError");
            }
            Expr.Args args = peek().isOp("(") ? parseArgs() : Expr.Args.NONE;
            e = new Expr.Filter(t.pos(), e, name, args);
        }
        return e;
    }

    private String dottedName() {
        StringBuilder name = new StringBuilder(name());
        while (peek().isOp(".") && peek(1).kind() == Kind.NAME) {
            next();
            name.append('.').append(next().text());
        }
        return name.toString();
    }

    private Expr parseTest(Expr value) {
        Token is = next();
        boolean negated = skipName("not");
        Token t = peek();
        String name = dottedName();
        if (!Tests.exists(name)) {
            throw syntaxError(source, t.pos(), "No test named '" + name + "'.", "TemplateAssertionError");
        }
        Expr.Args args = Expr.Args.NONE;
        Token n = peek();
        if (n.isOp("(")) {
            args = parseArgs();
        } else if ((n.kind() == Kind.NAME || n.kind() == Kind.STRING || n.kind() == Kind.INTEGER
                || n.kind() == Kind.FLOAT || n.isOp("[") || n.isOp("{"))
                && !n.isName("else") && !n.isName("or") && !n.isName("and")) {
            if (n.isName("is")) {
                throw error(n, "You cannot chain multiple tests with is");
            }
            Expr arg = parsePostfix(parsePrimary());
            args = new Expr.Args(List.of(arg), List.of(), List.of());
        }
        return new Expr.Test(is.pos(), value, name, args, negated);
    }
}
