package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.Chunk;
import dev.tokenlab.budget.TokenBudget;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.options.InputOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tokenlab chunk}: a text cut into pieces of at most N tokens each ({@link TokenBudget#chunk}),
 * as JSON Lines or as files.
 *
 * <pre>
 * $ tokenlab chunk -n 2 "Hello world, again"
 * {"index":0,"start":0,"end":11,"byteStart":0,"byteEnd":11,"tokens":2,"text":"Hello world"}
 * {"index":1,"start":11,"end":18,"byteStart":11,"byteEnd":18,"tokens":2,"text":", again"}
 * </pre>
 */
@Command(name = "chunk",
        description = "Cut a text into chunks of at most N tokens, preferring paragraph, sentence and word breaks.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Output: JSON Lines, one object per chunk (its JSON Schema: tokenlab schema",
                "chunk): {\"index\":0,\"start\":0,\"end\":2043,\"byteStart\":0,",
                "\"byteEnd\":2101,\"tokens\":509,\"text\":\"...\"}",
                "start/end: UTF-16 offsets into the input (Java and JavaScript string indexes);",
                "byteStart/byteEnd: UTF-8 byte offsets into the input file (for dd, Python bytes).",
                "tokens: the chunk re-encoded on its own (never above N). Chunks cover the whole",
                "text; with --overlap K each starts about K tokens before the previous one ends.",
                "With --out DIR: chunk-0001.txt, chunk-0002.txt ... and a summary on stderr.",
                "",
                "Examples:",
                "  tokenlab chunk -m llama3 -n 512 --overlap 64 -f book.txt > chunks.jsonl",
                "  tokenlab chunk -n 1000 -f report.md --out chunks/"})
public final class ChunkCommand extends TokenlabSubcommand {

    @Mixin
    ModelOptions model;

    @Mixin
    InputOptions input;

    @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", required = true,
            description = "At most N tokens per chunk.")
    int maxTokens;

    @Option(names = "--overlap", paramLabel = "K", defaultValue = "0",
            description = "Tokens shared by consecutive chunks, below N (default: ${DEFAULT-VALUE}).")
    int overlap;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write chunk-0001.txt ... into DIR (created if needed) instead of JSON Lines.")
    Path outDir;

    @Override
    protected int run() {
        if (maxTokens < 1) {
            throw CliException.usage("-n must be at least 1: " + maxTokens);
        }
        if (overlap < 0 || overlap >= maxTokens) {
            throw CliException.usage("--overlap must be at least 0 and below -n (" + maxTokens + "): " + overlap);
        }
        Tokenizer t = TruncateCommand.exactOffsets(model, "chunk");
        if (outDir != null) {
            checkOutDir();
        }
        String text = readInput(input).text();
        List<Chunk> chunks;
        try {
            chunks = TokenBudget.of(t, maxTokens).chunk(text, maxTokens, overlap);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("-n " + maxTokens + ": " + e.getMessage());
        }
        if (outDir != null) {
            writeFiles(chunks);
        } else {
            writeJsonLines(text, chunks);
        }
        return ExitCodes.OK;
    }

    private void writeJsonLines(String text, List<Chunk> chunks) {
        PrintWriter out = out();
        Utf8Offsets starts = new Utf8Offsets(text);
        Utf8Offsets ends = new Utf8Offsets(text);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            new JsonOutput(out).beginObject()
                    .name("index").value(i)
                    .name("start").value(c.charStart())
                    .name("end").value(c.charEnd())
                    .name("byteStart").value(starts.at(c.charStart()))
                    .name("byteEnd").value(ends.at(c.charEnd()))
                    .name("tokens").value(c.tokens())
                    .name("text").value(c.text())
                    .endObject();
            out.print('\n');
        }
    }

    /** Refuses a directory that already holds chunk files, so no stale chunk of an earlier run is left among new ones. */
    private void checkOutDir() {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw CliException.error(outDir + ": not a directory");
        }
        if (Files.isDirectory(outDir)) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(outDir, "chunk-*.txt")) {
                if (old.iterator().hasNext()) {
                    throw CliException.error(outDir + ": already has chunk-*.txt files; remove them or choose another directory");
                }
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, outDir + ": cannot read: " + e.getMessage(), e);
            }
        }
    }

    private void writeFiles(List<Chunk> chunks) {
        int width = Math.max(4, String.valueOf(chunks.size()).length());
        try {
            Files.createDirectories(outDir);
            for (int i = 0; i < chunks.size(); i++) {
                Path file = outDir.resolve(String.format("chunk-%0" + width + "d.txt", i + 1));
                Files.write(file, chunks.get(i).text().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, outDir + ": cannot write: " + e.getMessage(), e);
        }
        err().println(ErrorReporter.NAME + ": wrote " + chunks.size() + (chunks.size() == 1 ? " chunk" : " chunks")
                + " of at most " + Numbers.grouped(maxTokens) + " tokens"
                + (overlap > 0 ? " (overlap " + overlap + ")" : "") + " to " + outDir);
        err().flush();
    }

    /** UTF-8 byte offsets of char offsets asked in increasing order (a lone surrogate counts as U+FFFD, 3 bytes). */
    static final class Utf8Offsets {
        private final String text;
        private int charPos;
        private long bytePos;

        Utf8Offsets(String text) {
            this.text = text;
        }

        /** The UTF-8 offset of char offset {@code index}; from the start again if asked for an earlier one. */
        long at(int index) {
            if (index < charPos) {
                charPos = 0;
                bytePos = 0;
            }
            while (charPos < index) {
                char c = text.charAt(charPos);
                if (c < 0x80) {
                    bytePos += 1;
                } else if (c < 0x800) {
                    bytePos += 2;
                } else if (Character.isHighSurrogate(c) && charPos + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(charPos + 1))) {
                    bytePos += 4;
                    charPos++;
                } else {
                    bytePos += 3;
                }
                charPos++;
            }
            return bytePos;
        }
    }
}
