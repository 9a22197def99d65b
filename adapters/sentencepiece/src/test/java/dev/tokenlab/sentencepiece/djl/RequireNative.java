package dev.tokenlab.sentencepiece.djl;

import org.junit.jupiter.api.Assumptions;

/**
 * The one gate of every test that runs the C++ library: where DJL's native library does not load,
 * the test is skipped with the reason, unless {@code -Dtokenlab.requireNative=true} (CI sets it) makes
 * it fail, so a conformance check can never pass by not running.
 */
final class RequireNative {
    private RequireNative() {
    }

    /** Skips the calling test (or fails it when native is required) unless the library loads. */
    static void library() {
        String why = NativeLibrary.whyUnavailable();
        if (why == null) {
            return;
        }
        if (Boolean.getBoolean("tokenlab.requireNative")) {
            throw new AssertionError(why + " (-Dtokenlab.requireNative=true: a conformance test must run, not skip)");
        }
        Assumptions.abort(why + " (skipped; CI runs with -Dtokenlab.requireNative=true)");
    }
}
