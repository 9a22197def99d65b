package dev.tokenlab.spi;

import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Cuts special-token text (such as {@code <|eot_id|>}) out of input under a {@link SpecialTokens}
 * policy: the one place every engine, core's and the adapters', applies the policy, so they all agree.
 * Immutable and thread-safe.
 *
 * <p>Scanning is a single pass that stops only at characters that can start a special token; at
 * each such position the longest matching token wins. As in tiktoken, only tokens the policy allows
 * are cut out of the text, and a disallowed token anywhere fails the whole input before anything is
 * encoded.
 *
 * <pre>{@code
 * SpecialTokenSplitter splitter = new SpecialTokenSplitter(Map.of("<|eot_id|>", 128009));
 * splitter.split("Hi<|eot_id|>", SpecialTokens.allowAll(), sink, (start, end) -> encodeOrdinary(start, end, sink));
 * // encodeOrdinary(0, 2, sink), then sink.accept(128009, 2, 12)
 * }</pre>
 */
public final class SpecialTokenSplitter {

    /** Encodes one stretch of ordinary text between special tokens. */
    @FunctionalInterface
    public interface OrdinaryText {
        /** Encodes {@code text[start, end)}; returns {@code false} to stop the whole encode. */
        boolean encode(int start, int end);
    }

    private static final long NONE = -1;

    private final String[] tokens;
    private final int[] ids;
    private final long[] firstChars = new long[1024];

    /**
     * A splitter for these special tokens, text to id.
     *
     * @throws IllegalArgumentException if a token is empty
     */
    public SpecialTokenSplitter(Map<String, Integer> specials) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(specials.entrySet());
        // Longest first, so the first hit at a position is the longest token there.
        entries.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getKey().length())
                .thenComparing(Map.Entry::getKey));
        tokens = new String[entries.size()];
        ids = new int[entries.size()];
        for (int k = 0; k < tokens.length; k++) {
            String t = entries.get(k).getKey();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("a special token cannot be empty");
            }
            tokens[k] = t;
            ids[k] = entries.get(k).getValue();
            char c = t.charAt(0);
            firstChars[c >>> 6] |= 1L << c;
        }
    }

    /** Number of special tokens. */
    public int size() {
        return tokens.length;
    }

    /**
     * Fails if {@code text[from, to)} contains a token the policy disallows, naming the leftmost one.
     *
     * @throws SpecialTokenException for the leftmost disallowed token
     */
    public void checkDisallowed(CharSequence text, int from, int to, SpecialTokens policy) {
        if (!policy.isAllText()) {
            checkDisallowed(text, from, to, actions(policy));
        }
    }

    /** {@link #split(CharSequence, int, int, SpecialTokens, TokenSink, OrdinaryText)} over the whole text. */
    public boolean split(CharSequence text, SpecialTokens policy, TokenSink specials, OrdinaryText ordinary) {
        return split(text, 0, text.length(), policy, specials, ordinary);
    }

    /**
     * Applies {@code policy} to {@code text[from, to)}: fails on the leftmost disallowed token before
     * anything is encoded, then passes, in order, each stretch of ordinary text to {@code ordinary} and
     * each allowed special token's id and position to {@code specials}.
     *
     * @return {@code false} if a callback stopped
     * @throws SpecialTokenException for the leftmost disallowed token
     */
    public boolean split(CharSequence text, int from, int to, SpecialTokens policy, TokenSink specials, OrdinaryText ordinary) {
        if (policy.isAllText() || tokens.length == 0) {
            return from >= to || ordinary.encode(from, to);
        }
        SpecialTokens.Action[] actions = actions(policy);
        checkDisallowed(text, from, to, actions);
        int start = from;
        while (true) {
            long hit = find(text, start, to, actions, SpecialTokens.Action.ALLOW);
            int segmentEnd = hit == NONE ? to : (int) (hit >>> 32);
            if (segmentEnd > start && !ordinary.encode(start, segmentEnd)) {
                return false;
            }
            if (hit == NONE) {
                return true;
            }
            int k = (int) hit;
            int end = segmentEnd + tokens[k].length();
            if (!specials.accept(ids[k], segmentEnd, end)) {
                return false;
            }
            start = end;
        }
    }

    private SpecialTokens.Action[] actions(SpecialTokens policy) {
        SpecialTokens.Action[] actions = new SpecialTokens.Action[tokens.length];
        for (int k = 0; k < tokens.length; k++) {
            actions[k] = policy.actionFor(tokens[k]);
        }
        return actions;
    }

    private void checkDisallowed(CharSequence text, int from, int to, SpecialTokens.Action[] actions) {
        long hit = find(text, from, to, actions, SpecialTokens.Action.DISALLOW);
        if (hit != NONE) {
            throw new SpecialTokenException(tokens[(int) hit], (int) (hit >>> 32));
        }
    }

    /** The leftmost token in {@code text[from, to)} whose action is {@code wanted}, as {@code start << 32 | index}, or {@link #NONE}. */
    private long find(CharSequence text, int from, int to, SpecialTokens.Action[] actions, SpecialTokens.Action wanted) {
        if (!contains(actions, wanted)) {
            return NONE;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((firstChars[c >>> 6] & (1L << c)) == 0) {
                continue;
            }
            for (int k = 0; k < tokens.length; k++) {
                if (actions[k] == wanted && regionMatches(text, i, to, tokens[k])) {
                    return ((long) i << 32) | k;
                }
            }
        }
        return NONE;
    }

    private static boolean contains(SpecialTokens.Action[] actions, SpecialTokens.Action wanted) {
        for (SpecialTokens.Action a : actions) {
            if (a == wanted) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(CharSequence text, int at, int to, String token) {
        int n = token.length();
        if (at + n > to) {
            return false;
        }
        for (int j = 0; j < n; j++) {
            if (text.charAt(at + j) != token.charAt(j)) {
                return false;
            }
        }
        return true;
    }
}
