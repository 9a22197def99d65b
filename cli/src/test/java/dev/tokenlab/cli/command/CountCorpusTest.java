package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.render.Numbers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code count} over the whole shared corpus directory (both novels and the 532 UDHR files) agrees
 * with {@code Tokenizer.count} and {@code encode} of each file read whole; wagahaiwa (1.1 MB) is above
 * the in-memory threshold, so the streaming path is checked too. Skips without {@code ../shared}.
 */
class CountCorpusTest {

    @Test
    void everyFileOfTheCorpusDirectory() throws IOException {
        List<Path> files = SharedData.corpusFiles();
        Path corpus = SharedData.corpus();
        Tokenizer t = Tokenizers.get("llama3");
        Cli.Result r = Cli.run("count", "-m", "llama3.1", "--fit", "-f", corpus.toString(), "--include", "*.txt", "--format", "json",
                "--jobs", "2");
        String json = r.out();
        String files0 = json.substring(json.indexOf("\"files\":[") + 9, json.indexOf("],\"skipped\""));
        List<Map<String, Object>> counted = ChunkCommandTest.parse(files0.replace("},{", "}\n{"));
        assertEquals(files.size(), counted.size());
        long sum = 0;
        List<String> relative = new ArrayList<>();
        for (Map<String, Object> c : counted) {
            Path file = Path.of((String) c.get("path"));
            relative.add(corpus.relativize(file).toString());
            String text = Files.readString(file);
            long tokens = ((Number) c.get("tokens")).longValue();
            assertEquals(t.count(text), tokens, file::toString);
            assertEquals(t.encode(text).length, tokens, file::toString);
            sum += tokens;
        }
        assertEquals(relative.stream().sorted().toList(), relative, "sorted by relative path");
        assertEquals(files.stream().map(f -> corpus.relativize(f).toString()).sorted().toList(), relative);
        assertEquals(sum, Long.parseLong(json.replaceAll("(?s).*\"total\":(\\d+).*", "$1")));
        // 3.4 million tokens do not fit llama3.1's window.
        assertEquals(ExitCodes.OVER_BUDGET, r.exitCode());
        assertEquals("tokenlab: over budget by " + Numbers.grouped(sum - 131_072) + " tokens: " + Numbers.grouped(sum)
                + " > 131,072 (llama3.1 context window)\n", r.err());
        assertEquals(Cli.run("count", "-m", "llama3.1", "--fit", "-f", corpus.toString(), "--include", "*.txt", "--format", "json"), r,
                "--jobs 2 gives what one job gives");
    }
}
