package dev.tokenlab.templates;

import java.util.List;

/** The expression nodes of a parsed template; {@code pos} is the source offset errors are reported at. */
sealed interface Expr {
    int pos();

    record Const(int pos, Object value) implements Expr { }

    record Name(int pos, String name) implements Expr { }

    record ListLit(int pos, List<Expr> items) implements Expr { }

    record TupleLit(int pos, List<Expr> items) implements Expr { }

    record DictLit(int pos, List<Expr> keys, List<Expr> values) implements Expr { }

    record GetAttr(int pos, Expr target, String name) implements Expr { }

    record GetItem(int pos, Expr target, Expr key) implements Expr { }

    /** {@code target[start:stop:step]}; absent parts are null. */
    record Slice(int pos, Expr target, Expr start, Expr stop, Expr step) implements Expr { }

    /** Arguments of a call, filter or test: positional, then keyword (names and values in order). */
    record Args(List<Expr> positional, List<String> names, List<Expr> keywords) {
        static final Args NONE = new Args(List.of(), List.of(), List.of());
    }

    record Call(int pos, Expr callee, Args args) implements Expr { }

    /** {@code value|name(args)}; in a {@code {% filter %}} block the value is the body (then null here). */
    record Filter(int pos, Expr value, String name, Args args) implements Expr { }

    record Test(int pos, Expr value, String name, Args args, boolean negated) implements Expr { }

    /** {@code -x}, {@code +x}, {@code not x}. */
    record Unary(int pos, String op, Expr operand) implements Expr { }

    /** Arithmetic and {@code ~}: {@code + - * / // % ** ~}. */
    record Binary(int pos, String op, Expr left, Expr right) implements Expr { }

    record And(int pos, Expr left, Expr right) implements Expr { }

    record Or(int pos, Expr left, Expr right) implements Expr { }

    /** {@code a < b <= c …}: ops among {@code == != < > <= >= in notin}. */
    record Compare(int pos, Expr first, List<String> ops, List<Expr> rest) implements Expr { }

    /** {@code then if test else otherwise}; {@code otherwise} may be null (then Undefined). */
    record Conditional(int pos, Expr test, Expr then, Expr otherwise) implements Expr { }
}
