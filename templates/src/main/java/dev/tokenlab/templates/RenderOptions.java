package dev.tokenlab.templates;

import java.time.LocalDateTime;

/**
 * What a render may use: the clock {@code strftime_now} reads (null: the system clock at render time) and the
 * sandbox's bounds — evaluation steps (every node and expression counts one), output characters, and macro call
 * depth. A template that exceeds a bound fails with a {@link TemplateException} of kind {@code LimitExceeded}.
 * <pre>
 * RenderOptions.defaults().withNow(LocalDateTime.parse("2024-07-26T00:00:00"))
 * </pre>
 *
 * @param now            the fixed time of {@code strftime_now}, or null for the system clock
 * @param maxSteps       evaluation steps before the render stops (default 10 million)
 * @param maxOutputChars characters of output, and of any one string or list built on the way (default 16 Mi)
 * @param maxDepth       nested macro calls (default 200)
 */
public record RenderOptions(LocalDateTime now, long maxSteps, long maxOutputChars, int maxDepth) {
    /** The system clock, 10 million steps, 16 Mi characters, 200 nested macro calls. */
    public static RenderOptions defaults() {
        return new RenderOptions(null, 10_000_000L, 16L << 20, 200);
    }

    /** These options with {@code strftime_now} fixed at {@code time}. */
    public RenderOptions withNow(LocalDateTime time) {
        return new RenderOptions(time, maxSteps, maxOutputChars, maxDepth);
    }

    /** These options with another step limit. */
    public RenderOptions withMaxSteps(long steps) {
        return new RenderOptions(now, steps, maxOutputChars, maxDepth);
    }

    /** These options with another output limit. */
    public RenderOptions withMaxOutputChars(long chars) {
        return new RenderOptions(now, maxSteps, chars, maxDepth);
    }

    /** These options with another macro depth limit. */
    public RenderOptions withMaxDepth(int depth) {
        return new RenderOptions(now, maxSteps, maxOutputChars, depth);
    }
}
