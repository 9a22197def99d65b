package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenSink;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.internal.IntBuffer;
import dev.tokenlab.internal.Utf8;

/**
 * Encodes one stretch of ordinary text (what lies between special tokens) as the C++ library
 * encodes a whole input: normalize, segment, then byte fallback for unknown pieces (byte-fallback
 * models) or one unknown id per run of unknown characters (the others). Where the model allows,
 * long texts are normalized and segmented block by block, so working memory does not grow with the
 * text. Immutable and thread-safe; per-call memory is in the {@link EncodeBuffers}, tokens go to a
 * {@link Call}.
 */
final class OrdinaryTextEncoder {
    /**
     * Normalizing and segmenting a long text in blocks of about 8 KB, cut before a space or a newline
     * where the model allows ({@link Normalizer#normalizeBlock}, {@link Segmenter#cutsBeforeSpace},
     * {@link Segmenter#cutsBeforeNewline}), keeps the working memory of a call small whatever the
     * text's length. Measured with JMH {@code -prof gc} ({@code encode}, bytes allocated per input
     * byte): botchan.txt (English, 279 KB) 36.7 → 5.5 for Llama 2 and 38.1 → 8.1 for
     * test_model.model; 1 MB of Java code 35.4 → 5.1 for Llama 2; wagahaiwa_nekodearu.txt
     * (Japanese, 1.1 MB, cut at newlines) 55.5 → 11.8 for Llama 2, most of it the id array (byte
     * fallback makes many tokens). What is left is the UTF-8 copy of the text, the ids and
     * word-cache entries. Speed did not change beyond the noise (Llama 2 on English 25–32 MB/s,
     * DJL 1.1–1.4; on Japanese 41–51 MB/s).
     */
    static final int BLOCK_BYTES = 8192;

    private final SentencePieceModel model;
    private final Normalizer normalizer;
    private final Segmenter segmenter;
    private final boolean byteFallback;
    private final int unkId;
    /** Input bytes per block of normalization and segmentation; {@link Integer#MAX_VALUE}: the whole text at once. */
    private final int blockBytes;
    /** Where blocks may be cut ({@link Normalizer#CUT_BEFORE_SPACE}, {@link Normalizer#CUT_BEFORE_NEWLINE}). */
    private final int blockCuts;

    /** The encoder of {@code model} with its normalizer and segmenter, in blocks of about {@code blockBytes} where the model allows. */
    OrdinaryTextEncoder(SentencePieceModel model, Normalizer normalizer, Segmenter segmenter, int blockBytes) {
        this.model = model;
        this.normalizer = normalizer;
        this.segmenter = segmenter;
        this.byteFallback = model.trainer().byteFallback();
        this.unkId = model.unkId();
        this.blockCuts = (segmenter.cutsBeforeSpace() && model.normalizer().escapeWhitespaces() ? Normalizer.CUT_BEFORE_SPACE : 0)
                | (segmenter.cutsBeforeNewline() && normalizer.isIdentity() ? Normalizer.CUT_BEFORE_NEWLINE : 0);
        this.blockBytes = blockCuts != 0 ? blockBytes : Integer.MAX_VALUE;
    }

    /** Whether long texts are normalized and segmented in blocks (the model allows cuts before spaces). */
    boolean encodesInBlocks() {
        return blockBytes != Integer.MAX_VALUE;
    }

    /**
     * Encodes {@code text[from, to)} as one input: normalize, segment, byte fallback or unknown runs;
     * block by block where the model allows it, so working memory stays small on long texts. Returns
     * false if the call's sink stopped.
     */
    boolean encode(CharSequence text, int from, int to, Call call) {
        EncodeBuffers buffers = call.buffers;
        byte[] utf8 = buffers.utf8(utf8Length(text, from, to));
        int n = Utf8.encode(text, from, to, utf8, 0);
        Normalizer.Cursor cursor = buffers.cursor;
        cursor.reset();
        NormalizedText norm = buffers.normalized;
        Segmentation seg = buffers.segmentation;
        boolean blocks = blockBytes != Integer.MAX_VALUE;
        float carry = 0f;
        boolean pendingUnk = false; // a run of unknown characters, emitted as one <unk> when it ends
        int unkStart = 0;
        int unkEnd = 0;
        boolean last;
        do {
            last = normalizer.normalizeBlock(utf8, n, cursor, blockBytes, blockCuts, norm);
            if (blocks) {
                carry = segmenter.segmentBlock(norm, carry, seg, buffers.scratch);
            } else {
                segmenter.segment(norm, seg, buffers.scratch);
            }
            int[] orig = norm.toOrig;
            byte[] nb = norm.bytes;
            for (int k = 0; k < seg.count; k++) {
                int s = seg.starts[k];
                int e = seg.ends[k];
                int id = seg.ids[k];
                int cs = from + orig[s];
                int ce = from + orig[e];
                if (id == unkId) {
                    if (byteFallback) {
                        for (int i = s; i < e; i++) {
                            if (!call.emit(model.byteId(nb[i] & 0xFF), cs, ce)) {
                                return false;
                            }
                        }
                    } else if (pendingUnk) {
                        unkEnd = ce;
                    } else {
                        pendingUnk = true;
                        unkStart = cs;
                        unkEnd = ce;
                    }
                    continue;
                }
                if (pendingUnk) {
                    pendingUnk = false;
                    if (!call.emit(unkId, unkStart, unkEnd)) {
                        return false;
                    }
                }
                if (!call.emit(id, cs, ce)) {
                    return false;
                }
            }
        } while (!last);
        return !pendingUnk || call.emit(unkId, unkStart, unkEnd);
    }

    /** The UTF-8 length of {@code text[from, to)}, if it fits in an array. */
    static int utf8Length(CharSequence text, int from, int to) {
        long n = Utf8.encodedLength(text, from, to);
        if (n > NormalizedText.MAX_BYTES) {
            throw new TokenizerException("the text is " + n + " bytes of UTF-8, over the 2 GB one call can hold; encode it in parts");
        }
        return (int) n;
    }

    /** Per-call state: where tokens go (a sink, an id buffer or only the count) and the thread's buffers. */
    static final class Call implements TokenSink {
        final TokenSink sink;
        final IntBuffer ids;
        final EncodeBuffers buffers;
        int count;

        Call(TokenSink sink, IntBuffer ids, EncodeBuffers buffers) {
            this.sink = sink;
            this.ids = ids;
            this.buffers = buffers;
        }

        boolean emit(int id, int start, int end) {
            count++;
            if (ids != null) {
                ids.add(id);
                return true;
            }
            return sink == null || sink.accept(id, start, end);
        }

        @Override
        public boolean accept(int id, int start, int end) {
            return emit(id, start, end);
        }
    }
}
