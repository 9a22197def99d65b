package dev.tokenlab.bpe;

/**
 * What the {@link BacktrackingEncoder} and its {@link PairCompatibility} test know of each token of a
 * vocabulary, computed once: its length, whether it is reachable and monotone, the split of its last
 * own merge, its node in the {@link TokenTrie} and the longest reachable token that is a proper prefix
 * of it. Built on first use per vocabulary ({@link ByteVocabulary#backtracking()}), immutable and
 * shared by all threads.
 *
 * <p>Every token's own bytes are merged once, here. A token whose bytes do not merge back to it is
 * <em>unreachable</em>: it occurs in no valid sequence and is never a candidate (588 tokens of
 * Llama 3, none of cl100k_base or o200k_base). For the others the table keeps the <em>split</em>,
 * the two parts of the last merge, and whether the merge ranks never decrease on the way
 * (<em>monotone</em>: all of cl100k_base and o200k_base, all but 107 reachable tokens of Llama 3).
 *
 * <h2>Cost</h2>
 * Per rank two longs (length, kind, split; trie node and its base) and an int ({@code shorter}); the
 * trie of all tokens as a double array of 12-byte cells, packed almost without holes. Llama 3:
 * 5.86 MB (274,744 cells), built in about 0.12 s warm, 0.3 s on a cold JVM; cl100k_base 4.61 MB,
 * 0.12 s / 0.25 s; o200k_base 9.06 MB (421,884 cells), 0.3 s / 0.55 s.
 */
final class BacktrackingTables {
    static final int UNREACHABLE = 0;
    static final int MONOTONE = 1;
    static final int GENERAL = 2;

    // Per-rank facts packed in one long (one memory access per step of the test): bits 0-15 the
    // length, 16-17 the kind, 18-39 the left part of the last own merge, 40-61 the right part.
    private static final int MAX_LENGTH = 0xFFFF;
    private static final int MAX_RANKS = 1 << 22;
    private static final long PART_MASK = MAX_RANKS - 1;

    /**
     * Per rank r: {@code facts[2r]} the packed facts above ({@link #length}, {@link #kind},
     * {@link #leftPart}, {@link #rightPart}), {@code facts[2r + 1]} the trie node that spells the
     * token with its base ({@link TokenTrie#start}), so a pair test touches one cache line per token.
     * Read directly by the search and the pair test; never written after construction.
     */
    final long[] facts;
    /** Per rank: the longest reachable token that is a proper prefix of it, or -1. Never written after construction. */
    final int[] shorter;
    /** The trie of all tokens. */
    final TokenTrie trie;

    /** Builds the tables of a vocabulary {@link #supports supported}. */
    BacktrackingTables(ByteVocabulary vocab) {
        int size = vocab.size();
        facts = new long[2 * size];
        byte[][] bytes = new byte[size][];
        boolean[] reachable = new boolean[size];
        OwnMerge run = new OwnMerge();
        for (int r = 0; r < size; r++) {
            if (!vocab.contains(r)) {
                continue;
            }
            byte[] b = vocab.tokenBytes(r);
            bytes[r] = b;
            long kind = UNREACHABLE;
            long parts = 0;
            if (run.merge(vocab, b)) {
                kind = run.monotone ? MONOTONE : GENERAL;
                reachable[r] = true;
                if (b.length > 1) {
                    parts = ((long) vocab.rank(b, 0, run.split) << 18) | ((long) vocab.rank(b, run.split, b.length) << 40);
                }
            }
            facts[2 * r] = Math.min(b.length, MAX_LENGTH) | kind << 16 | parts;
        }
        TokenTrieBuilder built = new TokenTrieBuilder(bytes, reachable);
        trie = built.trie;
        shorter = built.shorter;
        for (int r = 0; r < size; r++) {
            if (bytes[r] != null) {
                facts[2 * r + 1] = trie.start(built.nodes[r]);
            }
        }
    }

    /**
     * Whether the tables can be built for {@code vocab}: every single byte is a token (as byte-level
     * BPE needs; the merges report the missing byte otherwise), and the vocabulary fits the packed
     * facts (under 4M ranks, tokens under 64 KB).
     */
    static boolean supports(ByteVocabulary vocab) {
        if (vocab.size() > MAX_RANKS) {
            return false;
        }
        for (int b = 0; b < 256; b++) {
            if (vocab.byteRank(b) < 0) {
                return false;
            }
        }
        for (int r = 0; r < vocab.size(); r++) {
            if (vocab.tokenLength(r) > MAX_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /** Whether a token can occur in a valid encoding (its own bytes merge back to it). */
    boolean reachable(int rank) {
        return kind(facts[2 * rank]) != UNREACHABLE;
    }

    /** Whether a reachable token's own merges happen in non-decreasing rank order (the fast pair test applies). */
    boolean monotone(int rank) {
        return kind(facts[2 * rank]) == MONOTONE;
    }

    /** The token's length in bytes, from its packed facts. */
    static int length(long info) {
        return (int) info & 0xFFFF;
    }

    /** {@link #UNREACHABLE}, {@link #MONOTONE} or {@link #GENERAL}, from a token's packed facts. */
    static int kind(long info) {
        return (int) (info >>> 16) & 3;
    }

    /** The left part of the token's last own merge, from its packed facts. */
    static int leftPart(long info) {
        return (int) ((info >>> 18) & PART_MASK);
    }

    /** The right part of the token's last own merge, from its packed facts. */
    static int rightPart(long info) {
        return (int) ((info >>> 40) & PART_MASK);
    }

    /**
     * tiktoken's merge of one token's own bytes, noting whether it ends in one part, the split of the
     * last merge, and whether the merge ranks never decrease.
     */
    private static final class OwnMerge {
        int[] bounds = new int[16];
        int[] pairRanks = new int[16];
        byte[] padded = new byte[16 + ByteVocabulary.READ_PADDING];
        boolean monotone;
        int split;

        boolean merge(ByteVocabulary vocab, byte[] token) {
            int n = token.length;
            monotone = true;
            split = -1;
            if (n == 1) {
                return true;
            }
            if (bounds.length < n + 1) {
                bounds = new int[n + 1];
                pairRanks = new int[n + 1];
                padded = new byte[n + ByteVocabulary.READ_PADDING];
            }
            byte[] b = padded; // lookups read 8 bytes at a time
            System.arraycopy(token, 0, b, 0, n);
            for (int i = 0; i <= n; i++) {
                bounds[i] = i;
            }
            for (int i = 0; i + 1 < n; i++) {
                pairRanks[i] = rankOrMax(vocab, b, i, i + 2);
            }
            int parts = n;
            int last = -1;
            while (parts > 1) {
                int best = Integer.MAX_VALUE;
                int at = -1;
                for (int i = 0; i + 1 < parts; i++) {
                    if (pairRanks[i] < best) {
                        best = pairRanks[i];
                        at = i;
                    }
                }
                if (at < 0) {
                    return false;
                }
                if (best < last) {
                    monotone = false;
                }
                last = best;
                if (parts == 2) {
                    split = bounds[1];
                }
                System.arraycopy(bounds, at + 2, bounds, at + 1, parts - at - 1);
                System.arraycopy(pairRanks, at + 1, pairRanks, at, parts - at - 2);
                parts--;
                if (at + 1 < parts) {
                    pairRanks[at] = rankOrMax(vocab, b, bounds[at], bounds[at + 2]);
                }
                if (at > 0) {
                    pairRanks[at - 1] = rankOrMax(vocab, b, bounds[at - 1], bounds[at + 1]);
                }
            }
            return true;
        }

        private static int rankOrMax(ByteVocabulary vocab, byte[] b, int from, int to) {
            int r = vocab.rank(b, from, to);
            return r < 0 ? Integer.MAX_VALUE : r;
        }
    }
}
