package dev.tokenlab.gguf;

import dev.tokenlab.TokenSink;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.bpe.RankedByteBpe;
import dev.tokenlab.bpe.RankedMerges;
import dev.tokenlab.hf.pipeline.ByteLevelAlphabet;
import dev.tokenlab.internal.IntBuffer;
import dev.tokenlab.internal.Utf8;
import dev.tokenlab.internal.Utf8Spans;
import dev.tokenlab.tiktoken.TiktokenTokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp's byte-level BPE ({@code llm_tokenizer_bpe_session}) on core's engine: {@link LlamaSplitter} cuts the
 * text into pieces, and each piece's UTF-8 goes to {@link RankedByteBpe} (merge rank, leftmost of equal ranks), or
 * is one token when the type ignores merges and the piece is a token.
 *
 * <p>llama.cpp merges by the <em>text</em> of the two symbols; here the merges are turned into ids once: a merge
 * listed twice keeps its first rank (llama.cpp's map keeps the first it is given); a merge whose parts or result are
 * not tokens still merges, its result given a stand-in id past the vocabulary, and a stand-in that survives to the
 * output becomes what llama.cpp emits for it: the token of each of its bytes that is itself a token. Immutable and
 * thread-safe.
 */
final class LlamaBpe {
    private final int n;
    private final ByteVocabulary vocabulary;
    private final RankedByteBpe bpe;
    private final boolean ignoreMerges;
    private final LlamaSplitter splitter;
    /** For a stand-in id {@code n + k}: the ids llama.cpp emits in its place. */
    private final int[][] fallback;
    final int mergeCount;

    LlamaBpe(LlamaVocab vocab, GgufFile f, LlamaSplitter splitter) {
        this.n = vocab.size();
        this.splitter = splitter;
        this.ignoreMerges = vocab.ignoreMerges;
        GgufArray merges = f.array("tokenizer.ggml.merges").orElseThrow(() -> new TokenizerFormatException(vocab.location,
                "no tokenizer.ggml.merges: a gpt2 (byte-level BPE) vocabulary needs its merges"));
        if (merges.elementType() != GgufType.STRING) {
            throw new TokenizerFormatException(vocab.location, "tokenizer.ggml.merges is an array of " + merges.elementType().label()
                    + ", expected strings");
        }
        List<byte[]> tokens = new ArrayList<>(n + 64);
        for (int id = 0; id < n; id++) {
            tokens.add(ByteLevelAlphabet.bytesOf(vocab.text[id]));
        }
        Map<String, Integer> standInIds = new HashMap<>();
        List<String> standIns = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            symbol(LlamaVocab.key(String.valueOf(ByteLevelAlphabet.charOf(b))), vocab, tokens, standInIds, standIns);
        }
        int m = merges.length();
        int[] left = new int[m];
        int[] right = new int[m];
        int[] result = new int[m];
        int count = 0;
        PairSet seen = new PairSet(m);
        byte[][] raw = merges.rawStrings();
        for (int r = 0; r < m; r++) {
            String s = new String(raw[r], java.nio.charset.StandardCharsets.ISO_8859_1);
            int space = s.indexOf(' ', 1);
            if (space < 0) {
                continue; // llama.cpp files it under ("", ""), a pair no symbols ever form
            }
            String a = s.substring(0, space);
            String b = s.substring(space + 1);
            int l = symbol(a, vocab, tokens, standInIds, standIns);
            int rt = l < 0 ? -1 : symbol(b, vocab, tokens, standInIds, standIns);
            if (l < 0 || rt < 0) {
                continue; // a part not spelled in the byte alphabet: symbols are, so this pair never occurs
            }
            if (!seen.add(l, rt)) {
                continue; // the first rank of a pair listed twice wins
            }
            left[count] = l;
            right[count] = rt;
            result[count] = symbol(a + b, vocab, tokens, standInIds, standIns);
            count++;
        }
        this.mergeCount = count;
        this.vocabulary = ByteVocabulary.of(tokens.toArray(new byte[0][]));
        RankedMerges ranked = RankedMerges.of(java.util.Arrays.copyOf(left, count), java.util.Arrays.copyOf(right, count),
                java.util.Arrays.copyOf(result, count));
        this.bpe = new RankedByteBpe(vocabulary, ranked, false);
        this.fallback = new int[standIns.size()][];
        for (int k = 0; k < standIns.size(); k++) {
            byte[] utf8 = standIns.get(k).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            IntBuffer out = new IntBuffer(utf8.length);
            for (byte u : utf8) {
                int id = vocab.rawId(u);
                if (id >= 0) {
                    out.add(id);
                }
            }
            fallback[k] = out.toArray();
        }
    }

    /**
     * The id of a symbol given by its UTF-8 as ISO-8859-1 chars: its token if that token is spelled in the byte
     * alphabet, else a stand-in past the vocabulary; -1 if it is not spelled in the byte alphabet at all.
     */
    private static int symbol(String key, LlamaVocab vocab, List<byte[]> tokens, Map<String, Integer> standInIds, List<String> standIns) {
        Integer id = vocab.byRaw.get(key);
        if (id != null && tokens.get(id) != null) {
            return id;
        }
        Integer standIn = standInIds.get(key);
        if (standIn != null) {
            return standIn;
        }
        String spelling = new String(key.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = key.isEmpty() ? null : ByteLevelAlphabet.bytesOf(spelling);
        if (bytes == null) {
            return -1;
        }
        int next = tokens.size();
        tokens.add(bytes);
        standInIds.put(key, next);
        standIns.add(spelling);
        return next;
    }

    /** A set of id pairs (open addressing over longs). */
    private static final class PairSet {
        private final long[] keys;
        private final int mask;

        PairSet(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            keys = new long[capacity];
            java.util.Arrays.fill(keys, -1L);
            mask = capacity - 1;
        }

        /** Adds the pair; false if it was there. */
        boolean add(int a, int b) {
            long key = (long) a << 32 | (b & 0xFFFFFFFFL);
            int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            while (keys[slot] != -1L) {
                if (keys[slot] == key) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            return true;
        }
    }

    /** Per-call state. */
    final class Call implements Utf8Spans.SpanSink {
        final RankedByteBpe.Work work = bpe.newWork();
        byte[] buffer = new byte[256];
        final TokenSink sink;

        Call(TokenSink sink) {
            this.sink = sink;
        }

        @Override
        public boolean span(int id, int charStart, int charEnd) {
            if (id < n) {
                return sink.accept(id, charStart, charEnd);
            }
            for (int f : fallback[id - n]) {
                if (!sink.accept(f, charStart, charEnd)) {
                    return false;
                }
            }
            return true;
        }
    }

    Call call(TokenSink sink) {
        return new Call(sink);
    }

    /** Encodes one stretch of ordinary text. */
    boolean encode(CharSequence text, int from, int to, Call call) {
        return splitter.split(text, from, to, (s, e) -> piece(text, s, e, call));
    }

    private boolean piece(CharSequence text, int start, int end, Call call) {
        int capacity = TiktokenTokenizer.bufferSize(text, start, end);
        if (call.buffer.length < capacity) {
            call.buffer = new byte[Math.max(capacity, call.buffer.length * 2)];
        }
        int len = Utf8.encode(text, start, end, call.buffer, 0);
        if (ignoreMerges) {
            int id = vocabulary.rank(call.buffer, 0, len);
            if (id >= 0 && id < n) {
                return call.sink.accept(id, start, end);
            }
        }
        RankedByteBpe.Work w = call.work;
        int count = bpe.encode(call.buffer, 0, len, w);
        return Utf8Spans.map(text, start, end, len, w.ids(), w.starts(), count, call);
    }

    /** The bytes of token {@code id} when its text is spelled in the byte alphabet, else null. */
    byte[] bytes(int id) {
        return vocabulary.contains(id) ? vocabulary.tokenBytes(id) : null;
    }
}
