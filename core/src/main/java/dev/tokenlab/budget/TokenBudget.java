package dev.tokenlab.budget;

import dev.tokenlab.ModelProfile;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes prompts fit a context window exactly: whether text fits, how many tokens remain, and cutting
 * or chunking text on token boundaries.
 *
 * <pre>{@code
 * TokenBudget budget = TokenBudget.forModel("llama3.1").reserving(1_000); // 131,072 - 1,000 for the answer
 * budget.fits(prompt);                       // stops encoding as soon as the limit is passed
 * budget.remaining("Hello world");           // 130070
 * budget.truncate(longText, 100, Keep.TAIL); // the last ≤ 100 tokens, as valid text
 * budget.chunk(book, 512, 64);               // chunks of ≤ 512 tokens overlapping by 64
 * }</pre>
 *
 * <p>Two traps are handled here rather than left to the caller. Token counts are not monotonic in the
 * text: a prefix of a text can take more tokens than the tokens it came from, because BPE merges
 * differently at the new edge. So every cut is re-encoded and checked, never assumed. And a token
 * can hold part of a character; cuts are made only at character boundaries, so the result is always
 * valid text. Special-token text is counted as ordinary text, as {@link Tokenizer#encode(String)}
 * encodes it.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenBudget {

    /** Which part of a text {@link #truncate} keeps. */
    public enum Keep {
        /** The beginning. */
        HEAD,
        /** The end (the latest messages of a log or chat). */
        TAIL,
        /** The beginning and the end, half the budget each; the middle is dropped. */
        MIDDLE
    }

    private final Tokenizer tokenizer;
    private final int limit;

    private TokenBudget(Tokenizer tokenizer, int limit) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** A budget of {@code limit} tokens of {@code tokenizer}. */
    public static TokenBudget of(Tokenizer tokenizer, int limit) {
        return new TokenBudget(tokenizer, limit);
    }

    /** The whole context window of a model profile ({@code llama3.1}: 131,072 tokens of llama3). */
    public static TokenBudget forModel(String profile) {
        ModelProfile p = ModelProfiles.get(profile);
        return new TokenBudget(Tokenizers.get(p.tokenizer()), p.contextWindow());
    }

    /** This budget less {@code tokens} kept for the model's answer. */
    public TokenBudget reserving(int tokens) {
        if (tokens < 0 || tokens > limit) {
            throw new IllegalArgumentException("cannot reserve " + tokens + " of " + limit + " tokens");
        }
        return new TokenBudget(tokenizer, limit - tokens);
    }

    /** The number of tokens the budget allows. */
    public int limit() {
        return limit;
    }

    /** The tokenizer that counts. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Whether {@code text} takes at most {@link #limit()} tokens. Stops encoding at the first token
     * past the limit, so a huge text that does not fit costs only the work up to the limit.
     */
    public boolean fits(String text) {
        return countUpTo(text, limit + 1L) <= limit;
    }

    /** {@code limit - count(text)}: tokens left over, negative when the text is over budget. */
    public long remaining(String text) {
        return (long) limit - tokenizer.count(text);
    }

    /** {@link #truncate(String, int, Keep)} to this budget's limit. */
    public String truncate(String text, Keep keep) {
        return truncate(text, limit, keep);
    }

    /**
     * The longest part of {@code text} (its head, its tail, or both) that re-encodes to at most
     * {@code maxTokens} tokens, cut at a token boundary that is also a character boundary. Returns
     * {@code text} itself when it fits.
     *
     * <pre>{@code
     * TokenBudget b = TokenBudget.of(Tokenizers.get("llama3"), 0);
     * b.truncate("unhappiness", 2, Keep.HEAD);   // "unh"  (un|h)
     * b.truncate("unhappiness", 1, Keep.TAIL);   // "appiness"
     * }</pre>
     */
    public String truncate(String text, int maxTokens, Keep keep) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must not be negative: " + maxTokens);
        }
        List<TokenSpan> spans = tokenizer.tokenize(text);
        if (spans.size() <= maxTokens) {
            return text;
        }
        return switch (keep) {
            case HEAD -> text.substring(0, headCut(text, spans, maxTokens));
            case TAIL -> text.substring(tailCut(text, spans, maxTokens));
            case MIDDLE -> middle(text, spans, maxTokens);
        };
    }

    /** End of the longest head of at most {@code max} tokens. */
    private int headCut(String text, List<TokenSpan> spans, int max) {
        int j = max; // the first token left out
        int cut = spans.get(j).charStart();
        while (cut > 0 && tokenizer.count(text.substring(0, cut)) > max) {
            int previous = cut;
            while (j > 0 && spans.get(j).charStart() >= previous) {
                j--;
            }
            cut = spans.get(j).charStart();
        }
        return cut;
    }

    /** Start of the longest tail of at most {@code max} tokens. */
    private int tailCut(String text, List<TokenSpan> spans, int max) {
        int n = spans.size();
        if (max == 0) {
            return text.length();
        }
        int j = n - max; // the first token kept
        int start = spans.get(j).charStart();
        while (start < text.length() && tokenizer.count(text.substring(start)) > max) {
            int previous = start;
            while (j < n && spans.get(j).charStart() <= previous) {
                j++;
            }
            start = j < n ? spans.get(j).charStart() : text.length();
        }
        return start;
    }

    private String middle(String text, List<TokenSpan> spans, int max) {
        int headTokens = (max + 1) / 2;
        int tailTokens = max - headTokens;
        while (true) {
            String head = text.substring(0, headCut(text, spans, headTokens));
            String tail = text.substring(tailCut(text, spans, tailTokens));
            String joined = head + tail;
            if (tokenizer.count(joined) <= max) {
                return joined;
            }
            // The two ends merged into more tokens at the seam: give up one more token of the tail.
            if (tailTokens > 0) {
                tailTokens--;
            } else {
                headTokens--;
            }
        }
    }

    /**
     * Cuts {@code text} into chunks of at most {@code maxTokens} tokens each (re-encoded), together
     * covering the whole text, consecutive chunks sharing about {@code overlap} tokens. Cuts prefer a
     * paragraph break, then the end of a sentence, then a space, then any token boundary, within the
     * last half of each chunk.
     *
     * <pre>{@code
     * TokenBudget.of(Tokenizers.get("llama3"), 0).chunk(book, 512, 64);
     * // [Chunk[charStart=0, charEnd=2043, tokens=509], Chunk[charStart=1790, ...], ...]
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code maxTokens < 1}, {@code overlap} is not below it, or a
     *                                  single character takes more than {@code maxTokens} tokens
     */
    public List<Chunk> chunk(String text, int maxTokens, int overlap) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1: " + maxTokens);
        }
        if (overlap < 0 || overlap >= maxTokens) {
            throw new IllegalArgumentException("overlap must be at least 0 and below maxTokens: " + overlap);
        }
        List<Chunk> chunks = new ArrayList<>();
        if (text.isEmpty()) {
            return chunks;
        }
        List<TokenSpan> spans = tokenizer.tokenize(text);
        int start = 0;
        while (true) {
            int firstToken = firstTokenAtOrAfter(spans, start);
            int limitToken = firstToken + maxTokens;
            int hardEnd = limitToken >= spans.size() ? text.length() : spans.get(limitToken).charStart();
            int end = chooseCut(text, spans, start, hardEnd, maxTokens);
            chunks.add(new Chunk(text.substring(start, end), start, end, tokenizer.count(text.substring(start, end))));
            if (end >= text.length()) {
                return chunks;
            }
            int next = end;
            if (overlap > 0) {
                // Step back `overlap` tokens from the cut, but always move at least one token forward.
                int k = Math.max(firstTokenAtOrAfter(spans, end) - overlap, firstToken + 1);
                int candidate = k < spans.size() ? spans.get(k).charStart() : end;
                if (candidate > start && candidate < end) {
                    next = candidate;
                }
            }
            start = next;
        }
    }

    /** The best cut in {@code (start, hardEnd]} whose chunk re-encodes to at most {@code max} tokens. */
    private int chooseCut(String text, List<TokenSpan> spans, int start, int hardEnd, int max) {
        if (hardEnd >= text.length() && tokenizer.count(text.substring(start)) <= max) {
            return text.length();
        }
        int floor = start + Math.max(1, (hardEnd - start) / 2);
        for (Boundary kind : Boundary.values()) {
            int cut = hardEnd + 1; // lastBefore looks below its bound: hardEnd itself is a candidate
            while (true) {
                cut = kind.lastBefore(text, spans, floor, cut);
                if (cut <= start) {
                    break;
                }
                if (tokenizer.count(text.substring(start, cut)) <= max) {
                    return cut;
                }
            }
        }
        // Not even half a window fits at a token boundary (tokens merged at the seam, or tokens that cross
        // characters, as in a run of emoji): try every character boundary, down to one character.
        for (int cut = Math.min(hardEnd, text.length()); cut > start; cut--) {
            boolean insidePair = cut < text.length() && Character.isLowSurrogate(text.charAt(cut))
                    && Character.isHighSurrogate(text.charAt(cut - 1));
            if (!insidePair && tokenizer.count(text.substring(start, cut)) <= max) {
                return cut;
            }
        }
        int oneChar = start + Character.charCount(text.codePointAt(start));
        throw new IllegalArgumentException("maxTokens " + max + " is less than the " + tokenizer.count(text.substring(start, oneChar))
                + " tokens of the single character at offset " + start);
    }

    private static int firstTokenAtOrAfter(List<TokenSpan> spans, int charOffset) {
        int lo = 0;
        int hi = spans.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (spans.get(mid).charStart() < charOffset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private long countUpTo(String text, long stopAt) {
        long[] n = {0};
        tokenizer.encode(text, SpecialTokens.asText(), (id, s, e) -> ++n[0] < stopAt);
        return n[0];
    }

    /** Kinds of cut position, best first. */
    private enum Boundary {
        PARAGRAPH, SENTENCE, SPACE, TOKEN;

        /** The last position in {@code [floor, before)} of this kind, or -1. */
        int lastBefore(String text, List<TokenSpan> spans, int floor, int before) {
            for (int p = before - 1; p >= floor; p--) {
                if (p <= 0 || p >= text.length() || Character.isLowSurrogate(text.charAt(p))) {
                    continue;
                }
                if (matches(text, spans, p)) {
                    return p;
                }
            }
            return -1;
        }

        private boolean matches(String text, List<TokenSpan> spans, int p) {
            char prev = text.charAt(p - 1);
            char cur = text.charAt(p);
            return switch (this) {
                case PARAGRAPH -> prev == '\n' && p >= 2 && text.charAt(p - 2) == '\n' && !Character.isWhitespace(cur);
                case SENTENCE -> Character.isWhitespace(prev) && !Character.isWhitespace(cur) && p >= 2
                        && ".!?\u3002\uFF01\uFF1F\u2026".indexOf(text.charAt(p - 2)) >= 0
                        || "\u3002\uFF01\uFF1F".indexOf(prev) >= 0;
                case SPACE -> Character.isWhitespace(prev) && !Character.isWhitespace(cur);
                case TOKEN -> firstTokenAtOrAfter(spans, p) < spans.size() && spans.get(firstTokenAtOrAfter(spans, p)).charStart() == p;
            };
        }
    }
}
