package dev.tokenlab.templates;

/** One lexical token: its kind, its text (a string literal already unescaped) and its offset in the source. */
record Token(Kind kind, String text, int pos) {
    enum Kind { DATA, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INTEGER, FLOAT, OPERATOR, EOF }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isName(String t) {
        return is(Kind.NAME, t);
    }

    boolean isOp(String t) {
        return is(Kind.OPERATOR, t);
    }
}
