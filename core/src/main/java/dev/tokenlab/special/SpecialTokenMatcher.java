package dev.tokenlab.special;

import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds special-token text (such as {@code <|eot_id|>}) in input and applies a {@link SpecialTokens}
 * policy to it. Immutable and thread-safe.
 *
 * <p>Scanning is a single pass that stops only at characters that can start a special token; at
 * each such position the longest matching token wins. As in tiktoken, only tokens the policy allows
 * are cut out of the text, and a disallowed token anywhere fails the whole input before anything is
 * encoded.
 */
public final class SpecialTokenMatcher {
    /** The result of {@link #find}: no match. */
    public static final long NONE = -1;

    private final String[] tokens;
    private final int[] ids;
    private final long[] firstChars = new long[1024];

    public SpecialTokenMatcher(Map<String, Integer> specials) {
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

    /** The token text of match index {@code k} (see {@link #find}). */
    public String token(int k) {
        return tokens[k];
    }

    /** The id of match index {@code k}. */
    public int id(int k) {
        return ids[k];
    }

    /**
     * Which tokens a policy acts on: {@code active[k]} is the action for token {@code k}.
     * Compute once per encode call and pass to {@link #find}.
     */
    public SpecialTokens.Action[] actions(SpecialTokens policy) {
        SpecialTokens.Action[] actions = new SpecialTokens.Action[tokens.length];
        for (int k = 0; k < tokens.length; k++) {
            actions[k] = policy.actionFor(tokens[k]);
        }
        return actions;
    }

    /**
     * Finds the leftmost occurrence in {@code text[from, to)} of a token whose action is {@code wanted}.
     *
     * @return {@code start << 32 | tokenIndex}, or {@link #NONE}
     */
    public long find(CharSequence text, int from, int to, SpecialTokens.Action[] actions, SpecialTokens.Action wanted) {
        if (!Arrays.asList(actions).contains(wanted)) {
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

    /**
     * Fails if the text contains a token the policy disallows, naming the leftmost one.
     *
     * @throws SpecialTokenException for the leftmost disallowed token
     */
    public void checkDisallowed(CharSequence text, int from, int to, SpecialTokens.Action[] actions) {
        long hit = find(text, from, to, actions, SpecialTokens.Action.DISALLOW);
        if (hit != NONE) {
            throw new SpecialTokenException(tokens[(int) hit], (int) (hit >>> 32));
        }
    }

    /** Receives the parts of a text in order: ordinary text between special tokens, and the allowed special tokens. */
    public interface SegmentVisitor {
        /** Ordinary text {@code [start, end)}; return {@code false} to stop. */
        boolean ordinary(int start, int end);

        /** An allowed special token's id and where its text was; return {@code false} to stop. */
        boolean special(int id, int start, int end);
    }

    /**
     * Cuts {@code text[from, to)} at the special tokens whose action is ALLOW, visiting ordinary
     * segments and special ids in order. {@code actions == null} means "all text": one segment.
     *
     * @return {@code false} if the visitor stopped
     */
    public boolean segment(CharSequence text, int from, int to, SpecialTokens.Action[] actions, SegmentVisitor visitor) {
        int start = from;
        while (true) {
            long hit = actions == null ? NONE : find(text, start, to, actions, SpecialTokens.Action.ALLOW);
            int segmentEnd = hit == NONE ? to : (int) (hit >>> 32);
            if (segmentEnd > start && !visitor.ordinary(start, segmentEnd)) {
                return false;
            }
            if (hit == NONE) {
                return true;
            }
            int k = (int) hit;
            int end = segmentEnd + tokens[k].length();
            if (!visitor.special(ids[k], segmentEnd, end)) {
                return false;
            }
            start = end;
        }
    }

    /**
     * Applies {@code policy} to the whole text: fails on the leftmost disallowed token (before any
     * visit), then {@link #segment(CharSequence, int, int, SpecialTokens.Action[], SegmentVisitor)}.
     *
     * @throws SpecialTokenException for the leftmost disallowed token
     */
    public boolean segment(CharSequence text, SpecialTokens policy, SegmentVisitor visitor) {
        SpecialTokens.Action[] actions = policy.isAllText() ? null : actions(policy);
        if (actions != null) {
            checkDisallowed(text, 0, text.length(), actions);
        }
        return segment(text, 0, text.length(), actions, visitor);
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
