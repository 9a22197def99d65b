package dev.tokenlab.cli.count;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.input.FileWalker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counting service on its own: no picocli, no output, only results and what the listener hears. */
class FileCounterTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");
    private static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

    @TempDir
    Path dir;

    /** A listener that adds up what it hears. */
    private static final class Tally implements FileCounter.Listener {
        final AtomicLong bytes = new AtomicLong();
        final AtomicInteger done = new AtomicInteger();
        final Map<String, Long> replaced = new ConcurrentHashMap<>();

        @Override
        public void bytesRead(long n) {
            bytes.addAndGet(n);
        }

        @Override
        public void sourceDone() {
            done.incrementAndGet();
        }

        @Override
        public void replaced(String source, long count) {
            replaced.put(source, count);
        }
    }

    private FileCounter.Sources tree() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "Hello world");
        Files.writeString(dir.resolve("big.txt"), "Big file line.\n".repeat(100_000)); // above STREAM_ABOVE_BYTES
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});
        Files.write(dir.resolve("latin1.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        return FileCounter.sources(null, List.of(dir), new FileWalker(List.of(), List.of(), true));
    }

    @Test
    void countsATreeInOrderWhateverTheJobs() throws IOException {
        FileCounter.Sources sources = tree();
        assertTrue(sources.walked());
        assertTrue(Files.size(dir.resolve("big.txt")) > FileCounter.STREAM_ABOVE_BYTES);
        Tally tally = new Tally();
        List<CountResult> one = new FileCounter(LLAMA3, SpecialTokens.asText(), false, 1, tally).countAll(sources.sources(), NO_STDIN);
        List<CountResult> four = new FileCounter(LLAMA3, SpecialTokens.asText(), false, 4, FileCounter.Listener.NONE)
                .countAll(sources.sources(), NO_STDIN);
        assertEquals(one, four);
        assertEquals(List.of("a.txt", "big.txt", "latin1.txt", "logo.png"),
                one.stream().map(r -> Path.of(r.path()).getFileName().toString()).toList());
        assertEquals(LLAMA3.count("Hello world"), one.get(0).tokens());
        assertEquals(LLAMA3.count("Big file line.\n".repeat(100_000)), one.get(1).tokens(), "streamed: the same count");
        assertEquals("invalid UTF-8 at byte 3 (line 1, byte 0xE9)", one.get(2).skipReason());
        assertEquals("binary (a NUL byte at byte 4)", one.get(3).skipReason());
        assertEquals(4, tally.done.get());
        assertEquals(FileCounter.totalBytes(sources.sources()), tally.bytes.get(), "every byte read is reported");
    }

    @Test
    void lenientCountingReportsTheReplacements() throws IOException {
        FileCounter.Sources sources = tree();
        Tally tally = new Tally();
        List<CountResult> results = new FileCounter(LLAMA3, SpecialTokens.asText(), true, 2, tally).countAll(sources.sources(), NO_STDIN);
        assertEquals(LLAMA3.count("caf\uFFFD"), results.get(2).tokens());
        assertEquals(Map.of(dir.resolve("latin1.txt").toString(), 1L), tally.replaced);
    }

    @Test
    void textStdinAndNamedFiles() throws IOException {
        FileCounter counter = new FileCounter(LLAMA3, SpecialTokens.allowAll(), false, 1, FileCounter.Listener.NONE);
        assertEquals(List.of(new CountResult(null, 1, null)),
                counter.countAll(FileCounter.sources("<|eot_id|>", List.of(), null).sources(), NO_STDIN));
        InputStream stdin = new ByteArrayInputStream("Hello world".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new CountResult("-", 2, null)), counter.countAll(FileCounter.sources(null, List.of(), null).sources(), stdin));
        Path latin1 = Files.write(dir.resolve("named.txt"), new byte[] {'a', (byte) 0xE9});
        FileCounter.Sources named = FileCounter.sources(null, List.of(latin1), null);
        CliException e = assertThrows(CliException.class, () -> counter.countAll(named.sources(), NO_STDIN));
        assertEquals(latin1 + ": invalid UTF-8 at byte 1 (line 1, byte 0xE9)", e.getMessage());
        assertThrows(CliException.class, () -> FileCounter.sources("x", List.of(latin1), null));
        assertThrows(IllegalArgumentException.class, () -> new FileCounter(LLAMA3, SpecialTokens.asText(), false, 0, FileCounter.Listener.NONE));
    }
}
