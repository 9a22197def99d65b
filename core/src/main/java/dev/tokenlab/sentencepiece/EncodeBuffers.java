package dev.tokenlab.sentencepiece;

/**
 * Working memory reused by one thread's encode calls (any SentencePiece tokenizer's), so that a call
 * on a short text allocates next to nothing: the UTF-8 copy of the text, the normalized text, the
 * segmentation and the segmenter's scratch.
 *
 * <p>A call made while the thread's buffers are in use (a sink that encodes again) gets fresh ones;
 * buffers grown past {@link #KEEP_BYTES} by a long text are dropped afterwards rather than kept for
 * the thread's life.
 */
final class EncodeBuffers {
    private static final int KEEP_BYTES = 1 << 16;
    private static final ThreadLocal<EncodeBuffers> PER_THREAD = ThreadLocal.withInitial(EncodeBuffers::new);

    byte[] utf8 = new byte[256];
    final NormalizedText normalized = new NormalizedText(256);
    final Segmentation segmentation = new Segmentation(64);
    final Segmenter.Scratch scratch = new Segmenter.Scratch();
    final Normalizer.Cursor cursor = new Normalizer.Cursor();
    private boolean inUse;
    private boolean shared;

    /** This thread's buffers, or fresh ones if they are in use; {@link #release} them after the call. */
    static EncodeBuffers acquire() {
        EncodeBuffers b = PER_THREAD.get();
        if (b.inUse) {
            b = new EncodeBuffers();
        } else {
            b.shared = true;
        }
        b.inUse = true;
        return b;
    }

    void release() {
        inUse = false;
        if (shared && (utf8.length > KEEP_BYTES || normalized.bytes.length > 3 * KEEP_BYTES)) {
            PER_THREAD.remove();
        }
    }

    byte[] utf8(int capacity) {
        if (utf8.length < capacity) {
            utf8 = new byte[capacity];
        }
        return utf8;
    }
}
