package dev.tokenlab.sentencepiece.djl;

import dev.tokenlab.TokenizerException;

/**
 * Whether DJL's SentencePiece JNI library loads here. DJL copies it from its jar (linux-x86_64,
 * linux-aarch64, osx-aarch64) into {@code ~/.djl.ai/sentencepiece/<version>/} (or
 * {@code $DJL_CACHE_DIR}, {@code $ENGINE_CACHE_DIR}) and loads it; nothing is downloaded, so it works
 * offline, but it needs a writable cache folder and a supported platform (not Windows).
 */
public final class NativeLibrary {
    /** A valid Unigram ModelProto: pieces "<unk>" (UNKNOWN) and "a". */
    private static final byte[] TINY_MODEL = {
        0x0A, 0x09, 0x0A, 0x05, '<', 'u', 'n', 'k', '>', 0x18, 0x02,
        0x0A, 0x03, 0x0A, 0x01, 'a',
    };

    private static volatile String failure;
    private static volatile boolean checked;

    private NativeLibrary() {
    }

    /** Why the library does not load, or {@code null} when it does. Tried once. */
    public static synchronized String whyUnavailable() {
        if (!checked) {
            try {
                // SpProcessor's static initializer copies the library out of the jar and loads it, but keeps
                // a failure to itself until a processor is made: so make one, from a two-piece model.
                new ai.djl.sentencepiece.SpTokenizer(TINY_MODEL).close();
                failure = null;
            } catch (LinkageError | RuntimeException e) {
                Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
                failure = "DJL's SentencePiece native library does not load on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + ": " + cause;
            }
            checked = true;
        }
        return failure;
    }

    /** Whether the library loads. */
    public static boolean isAvailable() {
        return whyUnavailable() == null;
    }

    /**
     * Fails with the reason when the library does not load.
     *
     * @throws TokenizerException naming the platform and the cause
     */
    static void check() {
        String why = whyUnavailable();
        if (why != null) {
            throw new TokenizerException(why);
        }
    }
}
