package dev.tokenlab.hf;

import dev.tokenlab.TokenSink;
import dev.tokenlab.bpe.RankedByteBpe;
import dev.tokenlab.internal.IntBuffer;
import dev.tokenlab.internal.Utf8;
import dev.tokenlab.internal.Utf8Spans;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.tiktoken.TiktokenTokenizer;

import java.util.List;

/**
 * The fast path of byte-level {@code tokenizer.json} models (Llama 3, Qwen, DeepSeek, gpt-oss): their
 * {@code Split} pre-tokenizers (Isolated) run as core's scanners or regex engine straight on the
 * caller's text, and each piece's UTF-8 goes to {@link RankedByteBpe}; no normalized copy, no
 * per-piece strings. {@link TokenizerJson} chooses it only for pipelines where it gives exactly the
 * general path's ids and offsets: no normalizer that changes the text, ByteLevel without a prefix
 * space as the last pre-tokenizer, a byte-level BPE without prefix, suffix or byte fallback.
 * Immutable and thread-safe.
 */
final class DirectByteLevel {
    private final List<PreTokenizer> splits;
    private final RankedByteBpe bpe;

    /** {@code splits}: the Isolated Splits in order, each applied to every piece of the one before it. */
    DirectByteLevel(List<PreTokenizer> splits, RankedByteBpe bpe) {
        this.splits = List.copyOf(splits);
        this.bpe = bpe;
    }

    /**
     * Per-call state: tokens go to a sink with their offsets, or (no offsets wanted) their ids to a
     * buffer, or they are only counted.
     */
    final class Call implements Utf8Spans.SpanSink {
        final RankedByteBpe.Work work = bpe.newWork();
        byte[] buffer = new byte[256];
        final TokenSink sink;
        private final IntBuffer ids;
        private int counted;

        Call(TokenSink sink, IntBuffer ids) {
            this.sink = sink;
            this.ids = ids;
        }

        /** The tokens counted so far by a {@link #countingCall()}. */
        int counted() {
            return counted;
        }

        @Override
        public boolean span(int id, int charStart, int charEnd) {
            return sink.accept(id, charStart, charEnd);
        }
    }

    Call call(TokenSink sink) {
        return new Call(sink, null);
    }

    /** A call that counts tokens instead of passing them on (no offsets to map). */
    Call countingCall() {
        return new Call(null, null);
    }

    /** A call that appends the ids to {@code ids} (no offsets to map). */
    Call idsCall(IntBuffer ids) {
        return new Call(null, ids);
    }

    /** Encodes {@code text[from, to)}. */
    boolean encode(CharSequence text, int from, int to, Call call) {
        return split(0, text, from, to, call);
    }

    /** Level {@code level}'s Isolated split: matches and the gaps between them are pieces. */
    private boolean split(int level, CharSequence text, int from, int to, Call call) {
        if (from >= to) {
            return true;
        }
        if (level == splits.size()) {
            return piece(text, from, to, call);
        }
        int[] at = {from};
        boolean going = splits.get(level).split(text, from, to, (s, e) -> {
            if (s > at[0] && !split(level + 1, text, at[0], s, call)) {
                return false;
            }
            at[0] = e;
            return split(level + 1, text, s, e, call);
        });
        return going && split(level + 1, text, at[0], to, call);
    }

    /** Receives one piece: the UTF-16 range {@code [start, end)}; returns {@code false} to stop. */
    @FunctionalInterface
    interface PieceSink {
        boolean piece(int start, int end);
    }

    /**
     * The pieces {@link #encode} cuts {@code text[from, to)} into, in order, for the teaching views: the
     * same splits as {@link #split}, without the merging (kept apart so the encode loop has no callback).
     */
    boolean pieces(CharSequence text, int from, int to, PieceSink sink) {
        return pieces(0, text, from, to, sink);
    }

    private boolean pieces(int level, CharSequence text, int from, int to, PieceSink sink) {
        if (from >= to) {
            return true;
        }
        if (level == splits.size()) {
            return sink.piece(from, to);
        }
        int[] at = {from};
        boolean going = splits.get(level).split(text, from, to, (s, e) -> {
            if (s > at[0] && !pieces(level + 1, text, at[0], s, sink)) {
                return false;
            }
            at[0] = e;
            return pieces(level + 1, text, s, e, sink);
        });
        return going && pieces(level + 1, text, at[0], to, sink);
    }

    private boolean piece(CharSequence text, int start, int end, Call call) {
        int capacity = TiktokenTokenizer.bufferSize(text, start, end);
        if (call.buffer.length < capacity) {
            call.buffer = new byte[Math.max(capacity, call.buffer.length * 2)];
        }
        int n = Utf8.encode(text, start, end, call.buffer, 0);
        RankedByteBpe.Work w = call.work;
        int count = bpe.encode(call.buffer, 0, n, w);
        if (call.sink == null) {
            if (call.ids != null) {
                call.ids.addAll(w.ids(), count);
            } else {
                call.counted += count;
            }
            return true;
        }
        return Utf8Spans.map(text, start, end, n, w.ids(), w.starts(), count, call);
    }
}
