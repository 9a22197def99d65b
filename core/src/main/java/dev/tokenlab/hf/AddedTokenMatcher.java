package dev.tokenlab.hf;

import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.Arrays;
import java.util.List;

/**
 * Finds added tokens in text as the Rust library's {@code AddedVocabulary} does: leftmost-longest,
 * non-overlapping matches (an Aho-Corasick search in Rust, a trie walked from each position here),
 * then per token {@code single_word} (a match touching a word character is dropped — its span is
 * still used up), {@code lstrip}/{@code rstrip} (the match grows over the whitespace beside it). Special
 * tokens follow the caller's {@link SpecialTokens} policy: allowed ones are matched, text ones are
 * skipped as text (the Rust {@code encode_special_tokens} flag), disallowed ones fail the input.
 * Immutable and thread-safe.
 */
final class AddedTokenMatcher {

    /** One added token as the matcher needs it. */
    record Token(String content, int id, boolean special, boolean singleWord, boolean lstrip, boolean rstrip) {
    }

    /** Receives one kept match: the token and the UTF-16 range it takes, stripped whitespace included. */
    @FunctionalInterface
    interface MatchSink {
        void match(Token token, int start, int end);
    }

    private final Token[] tokens;
    private final Node root = new Node();
    private final long[] firstChars = new long[1024];
    /** The first character every token starts with, when they all start alike (Llama 3's {@code <}), else -1. */
    private final int sharedFirst;
    private final boolean anySpecial;
    private final boolean allSpecial;

    AddedTokenMatcher(List<Token> tokens) {
        this.tokens = tokens.toArray(new Token[0]);
        boolean special = false;
        boolean all = true;
        int first = -2;
        for (int k = 0; k < this.tokens.length; k++) {
            Token t = this.tokens[k];
            if (t.content().isEmpty()) {
                continue;
            }
            special |= t.special();
            all &= t.special();
            Node n = root;
            for (int i = 0; i < t.content().length(); i++) {
                n = n.child(t.content().charAt(i), true);
            }
            if (n.token < 0) {
                n.token = k; // the first token with this content wins (special tokens are listed first)
            }
            char c = t.content().charAt(0);
            firstChars[c >>> 6] |= 1L << c;
            first = first == -2 || first == c ? c : -1;
        }
        this.sharedFirst = first < 0 ? -1 : first;
        this.anySpecial = special;
        this.allSpecial = all;
    }

    /** Whether there are no tokens to find. */
    boolean isEmpty() {
        return tokens.length == 0;
    }

    /** The tokens, in the order they were given. */
    List<Token> tokens() {
        return List.of(tokens);
    }

    /**
     * Passes the kept matches in {@code text[from, to)} to {@code sink}, in order; nothing is passed if
     * a disallowed special token is found.
     *
     * @throws SpecialTokenException for the leftmost special token the policy disallows
     */
    void find(CharSequence text, int from, int to, SpecialTokens policy, MatchSink sink) {
        if (tokens.length == 0 || allSpecial && policy.isAllText()) {
            return; // nothing can match: every token is special and the policy leaves special-token text as text
        }
        int[] found = new int[16];
        int count = 0;
        int i = from;
        int consumed = from;
        // String.indexOf is vectorized by the JDK, but on Java 17 it cannot stop at "to": used only up to the end
        String whole = sharedFirst >= 0 && to == text.length() && text instanceof String string ? string : null;
        while (i < to) {
            if (whole != null) {
                i = whole.indexOf(sharedFirst, i);
                if (i < 0 || i >= to) {
                    break;
                }
            }
            char c = text.charAt(i);
            if ((firstChars[c >>> 6] & (1L << c)) == 0) {
                i++;
                continue;
            }
            int end = -1;
            int token = -1;
            Node n = root;
            for (int j = i; j < to && n != null; j++) {
                n = n.child(text.charAt(j), false);
                if (n != null && n.token >= 0) {
                    end = j + 1;
                    token = n.token;
                }
            }
            if (token < 0) {
                i++;
                continue;
            }
            Token t = tokens[token];
            int start = i;
            i = end; // the span is used up, whatever becomes of the match
            if (t.special()) {
                SpecialTokens.Action action = policy.actionFor(t.content());
                if (action == SpecialTokens.Action.DISALLOW) {
                    throw new SpecialTokenException(t.content(), start);
                }
                if (action == SpecialTokens.Action.TEXT) {
                    continue;
                }
            }
            if (t.singleWord() && (isWordBefore(text, start, from) || isWordAt(text, end, to))) {
                continue;
            }
            if (t.lstrip()) {
                while (start > consumed && isWhitespace(codePointBefore(text, start))) {
                    start -= Character.charCount(codePointBefore(text, start));
                }
            }
            if (t.rstrip()) {
                while (end < to && isWhitespace(Character.codePointAt(text, end))) {
                    end += Character.charCount(Character.codePointAt(text, end));
                }
            }
            if (count + 3 > found.length) {
                found = Arrays.copyOf(found, found.length * 2);
            }
            found[count++] = token;
            found[count++] = start;
            found[count++] = end;
            consumed = end;
        }
        for (int k = 0; k < count; k += 3) {
            sink.match(tokens[found[k]], found[k + 1], found[k + 2]);
        }
    }

    /** Whether any token is special (otherwise the policy cannot matter). */
    boolean hasSpecial() {
        return anySpecial;
    }

    private static int codePointBefore(CharSequence text, int at) {
        return Character.codePointBefore(text, at);
    }

    private static boolean isWordBefore(CharSequence text, int at, int from) {
        return at > from && isWord(codePointBefore(text, at));
    }

    private static boolean isWordAt(CharSequence text, int at, int to) {
        return at < to && isWord(Character.codePointAt(text, at));
    }

    /**
     * Rust regex's {@code \w}: Alphabetic, marks, decimal digits, connector punctuation and the joiners;
     * Alphabetic is taken as letters and letter numbers (the marks it adds are marks already).
     */
    static boolean isWord(int cp) {
        if (cp == 0x200C || cp == 0x200D) {
            return true;
        }
        int type = UnicodeCategories.category(cp);
        return switch (type) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER, Character.LETTER_NUMBER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER, Character.CONNECTOR_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** Unicode White_Space, as Rust's {@code char::is_whitespace}. */
    static boolean isWhitespace(int cp) {
        return UnicodeCategories.isWhiteSpace(cp);
    }

    /** A trie node: children by UTF-16 unit, sorted, and the token that ends here (or -1). */
    private static final class Node {
        char[] keys = new char[0];
        Node[] children = new Node[0];
        int token = -1;

        Node child(char c, boolean create) {
            int at = Arrays.binarySearch(keys, c);
            if (at >= 0) {
                return children[at];
            }
            if (!create) {
                return null;
            }
            int insert = -at - 1;
            keys = Arrays.copyOf(keys, keys.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            System.arraycopy(keys, insert, keys, insert + 1, keys.length - insert - 1);
            System.arraycopy(children, insert, children, insert + 1, children.length - insert - 1);
            keys[insert] = c;
            Node n = new Node();
            children[insert] = n;
            return n;
        }
    }
}
