package dev.tokenlab.cli.render;

import dev.tokenlab.cli.exit.ErrorReporter;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress line of {@code count} on a terminal's stderr: {@code \r}-redrawn by a daemon thread at
 * most {@link #TICKS_PER_SECOND} times a second, erased when the work ends. When stderr is not a
 * terminal it draws nothing, so logs and pipes get no {@code \r} noise.
 *
 * <pre>
 * tokenlab: counting 12/345 files, 45% of 1.2 GB
 * </pre>
 */
public final class Progress implements AutoCloseable {
    /** Redraws per second, at most. */
    static final int TICKS_PER_SECOND = 4;

    private final PrintWriter err;
    private final boolean enabled;
    private final int files;
    private final long bytes;
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicLong bytesDone = new AtomicLong();
    private final Object lock = new Object();
    private Thread ticker;
    private int drawn; // characters of the line now on screen
    private boolean closed;

    /**
     * @param err     where to draw
     * @param enabled whether stderr is a terminal (drawing nothing otherwise)
     * @param files   the number of inputs
     * @param bytes   their total size, or -1 when unknown (stdin)
     */
    public Progress(PrintWriter err, boolean enabled, int files, long bytes) {
        this.err = err;
        this.enabled = enabled;
        this.files = files;
        this.bytes = bytes;
    }

    /** Draws the first line and starts redrawing. */
    public Progress start() {
        if (enabled) {
            draw();
            ticker = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(1000 / TICKS_PER_SECOND);
                        draw();
                    }
                } catch (InterruptedException e) {
                    // close() ends the ticker
                }
            }, "tokenlab-progress");
            ticker.setDaemon(true);
            ticker.start();
        }
        return this;
    }

    /** Notes {@code n} more bytes read. */
    public void bytesRead(long n) {
        bytesDone.addAndGet(n);
    }

    /** Notes one more input done. */
    public void fileDone() {
        filesDone.incrementAndGet();
    }

    /** Stops redrawing and erases the line. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            if (enabled && !closed) {
                err.print("\r" + " ".repeat(drawn) + "\r");
                err.flush();
            }
            closed = true;
        }
    }

    /** The line as it would be drawn now. */
    public String line() {
        StringBuilder sb = new StringBuilder(ErrorReporter.NAME).append(": counting ")
                .append(filesDone.get()).append('/').append(files).append(files == 1 ? " file" : " files");
        long done = bytesDone.get();
        if (bytes > 0) {
            sb.append(", ").append(Math.min(100, done * 100 / bytes)).append("% of ").append(size(bytes));
        } else if (done > 0) {
            sb.append(", ").append(size(done));
        }
        return sb.toString();
    }

    private void draw() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            String line = line();
            err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
            err.flush();
            drawn = Math.max(drawn, line.length());
        }
    }

    /** {@code 1.2 GB}, {@code 340 KB}, {@code 12 B} (decimal units, as file managers show sizes). */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
