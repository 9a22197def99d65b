package dev.tokenlab.templates;

import java.util.List;

/** The statement nodes of a parsed template. */
sealed interface Node {
    int pos();

    record Text(int pos, String text) implements Node { }

    record Output(int pos, Expr expr) implements Node { }

    /** {@code if} with its {@code elif}s: conditions[i] guards bodies[i]; {@code otherwise} may be empty. */
    record If(int pos, List<Expr> conditions, List<List<Node>> bodies, List<Node> otherwise) implements Node { }

    /** {@code for targets in iterable [if filter]}; more than one target unpacks each item. */
    record For(int pos, List<String> targets, boolean unpack, Expr iterable, Expr filter, List<Node> body,
               List<Node> otherwise) implements Node { }

    /** {@code set name = value}, {@code set a, b = value} (unpack), or {@code set ns.attr = value} (attribute). */
    record Set(int pos, List<String> targets, boolean unpack, String attribute, Expr value) implements Node { }

    /** {@code set name [| filters] %}body{% endset}}: the filters are {@link Expr.Filter} chained on a null value. */
    record SetBlock(int pos, String target, Expr filter, List<Node> body) implements Node { }

    /** A macro; {@code varargs}/{@code kwargs}: its body reads them, so extra arguments land there. */
    record Macro(int pos, String name, List<String> params, List<Expr> defaults, List<Node> body, boolean varargs,
                 boolean kwargs) implements Node { }

    /** {@code call [(params)] macro(args) %}body{% endcall}}: the body becomes {@code caller}. */
    record CallBlock(int pos, Expr.Call call, List<String> params, List<Expr> defaults, List<Node> body) implements Node { }

    record FilterBlock(int pos, Expr filter, List<Node> body) implements Node { }

    /** {@code with a = 1, b = 2 %}body{% endwith}}: a scope of its own. */
    record With(int pos, List<String> names, List<Expr> values, List<Node> body) implements Node { }

    /** A run of nodes: transformers' {@code {% generation %}} body (rendered as is). */
    record Block(int pos, List<Node> body) implements Node { }

    record Break(int pos) implements Node { }

    record Continue(int pos) implements Node { }
}
