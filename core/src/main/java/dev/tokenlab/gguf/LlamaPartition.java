package dev.tokenlab.gguf;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.internal.IntBuffer;

import java.util.List;

/**
 * llama.cpp's {@code tokenizer_st_partition}: cuts special tokens out of the text, <em>one token at a time,
 * longest first</em>. For each special token in turn, every stretch of text not yet cut is searched from its start
 * and cut at each occurrence. So a longer token wins over a shorter one wherever they overlap, even when the
 * shorter one starts first ("ab" and "bcd" in "abcd" give "a", [bcd]) — not the leftmost-longest rule of
 * {@link dev.tokenlab.spi.SpecialTokenSplitter}. USER_DEFINED tokens are always cut; CONTROL and UNKNOWN ones only
 * when the policy allows them (llama.cpp's {@code parse_special}); a token marked LSTRIP or RSTRIP also takes the
 * whitespace before or after it (C's {@code isspace}: space, tab, LF, VT, FF, CR). Immutable and thread-safe.
 */
final class LlamaPartition {
    private final LlamaVocab vocab;
    private final int[] order;
    private final String[] texts;
    /** Whether a token's text, a valid UTF-8 string, can be found in text at all. */
    private final boolean[] searchable;

    LlamaPartition(LlamaVocab vocab) {
        this.vocab = vocab;
        this.order = vocab.specialCache;
        this.texts = new String[order.length];
        this.searchable = new boolean[order.length];
        for (int k = 0; k < order.length; k++) {
            int id = order[k];
            texts[k] = vocab.text[id];
            searchable[k] = dev.tokenlab.internal.Utf8.isValid(vocab.raw[id], 0, vocab.raw[id].length);
        }
    }

    /**
     * Fragments of {@code text}: for each, {@code out} gets three ints — the token id (or -1 for ordinary text),
     * the start and the end (UTF-16).
     */
    void partition(String text, SpecialTokens policy, IntBuffer out) {
        out.clear();
        if (text.isEmpty()) {
            return;
        }
        // fragments as a singly linked list over parallel arrays
        Fragments f = new Fragments();
        f.add(-1, 0, text.length(), -1);
        boolean[] present = null;
        for (int k = 0; k < order.length; k++) {
            int id = order[k];
            if (!searchable[k]) {
                continue;
            }
            if (vocab.isControlLike(id) && policy.actionFor(texts[k]) != SpecialTokens.Action.ALLOW) {
                continue;
            }
            String t = texts[k];
            if (present == null) {
                present = new boolean[65536];
                for (int i = 0; i < text.length(); i++) {
                    present[text.charAt(i)] = true;
                }
            }
            if (!present[t.charAt(0)]) {
                continue;
            }
            int attr = vocab.attr[id];
            int prev = -1;
            for (int node = f.head; node >= 0; prev = node, node = f.next[node]) {
                if (f.id[node] != -1) {
                    continue;
                }
                int from = f.start[node];
                int to = f.end[node];
                int match = indexOf(text, t, from, to);
                if (match < 0) {
                    continue;
                }
                // replace this fragment by: [left], token, [left], token …, [right]
                f.remove(node, prev);
                int last = prev;
                while (match >= 0) {
                    int leftEnd = match;
                    if ((attr & LlamaVocab.ATTR_LSTRIP) != 0) {
                        while (leftEnd > from && isSpace(text.charAt(leftEnd - 1))) {
                            leftEnd--;
                        }
                    }
                    if (leftEnd > from) {
                        last = f.insertAfter(last, -1, from, leftEnd);
                    }
                    int tokenEnd = match + t.length();
                    last = f.insertAfter(last, id, match, tokenEnd);
                    int rightStart = tokenEnd;
                    if ((attr & LlamaVocab.ATTR_RSTRIP) != 0) {
                        while (rightStart < to && isSpace(text.charAt(rightStart))) {
                            rightStart++;
                        }
                    }
                    from = rightStart;
                    match = from < to ? indexOf(text, t, from, to) : -1;
                }
                if (from < to) {
                    last = f.insertAfter(last, -1, from, to);
                }
                node = last;
            }
        }
        for (int node = f.head; node >= 0; node = f.next[node]) {
            out.add(f.id[node]);
            out.add(f.start[node]);
            out.add(f.end[node]);
        }
    }

    private static int indexOf(String text, String t, int from, int to) {
        int i = text.indexOf(t, from);
        return i >= 0 && i + t.length() <= to ? i : -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Tokens in the order {@link #partition} tries them. */
    List<String> order() {
        return List.of(texts);
    }

    private static final class Fragments {
        int[] id = new int[16];
        int[] start = new int[16];
        int[] end = new int[16];
        int[] next = new int[16];
        int size;
        int head = -1;

        int add(int tokenId, int s, int e, int after) {
            return insertAfter(after, tokenId, s, e);
        }

        /** Inserts after {@code node} (-1: at the head); returns the new node. */
        int insertAfter(int node, int tokenId, int s, int e) {
            if (size == id.length) {
                int c = size * 2;
                id = java.util.Arrays.copyOf(id, c);
                start = java.util.Arrays.copyOf(start, c);
                end = java.util.Arrays.copyOf(end, c);
                next = java.util.Arrays.copyOf(next, c);
            }
            int k = size++;
            id[k] = tokenId;
            start[k] = s;
            end[k] = e;
            if (node < 0) {
                next[k] = head;
                head = k;
            } else {
                next[k] = next[node];
                next[node] = k;
            }
            return k;
        }

        void remove(int node, int prev) {
            if (prev < 0) {
                head = next[node];
            } else {
                next[prev] = next[node];
            }
        }
    }
}
