package dev.tokenlab.sentencepiece.djl;

import dev.tokenlab.TokenizerException;

/**
 * Whether DJL's SentencePiece JNI library loads here. DJL copies it from its jar (linux-x86_64,
 * linux-aarch64, osx-aarch64) into {@code ~/.djl.ai/sentencepiece/<version>/} (or
 * {@code $DJL_CACHE_DIR}, {@code $ENGINE_CACHE_DIR}) and loads it; nothing is downloaded, so it works
 * offline, but it needs a writable cache folder and a supported platform (not Windows).
 */
public final class NativeLibrary {
    private static volatile String failure;
    private static volatile boolean checked;

    private NativeLibrary() {
    }

    /** Why the library does not load, or {@code null} when it does. Tried once. */
    public static synchronized String whyUnavailable() {
        if (!checked) {
            try {
                Class.forName("ai.djl.sentencepiece.jni.SentencePieceLibrary", true, NativeLibrary.class.getClassLoader());
                failure = null;
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
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
