package dev.tokenlab.cli.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCommandTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    private static final String TEXT = "Grüße aus Köln. 東京は大きい。 Emoji: 😀🧑🏽‍🚀!\n\n"
            + "Second paragraph, with a longer sentence that goes on and on. And another one.\n\n"
            + "Third: " + "word ".repeat(40) + "end.";

    @Test
    void jsonLines() {
        assertEquals(new Cli.Result(0,
                "{\"index\":0,\"start\":0,\"end\":6,\"byteStart\":0,\"byteEnd\":6,\"tokens\":2,\"text\":\"Hello \"}\n"
                        + "{\"index\":1,\"start\":6,\"end\":12,\"byteStart\":6,\"byteEnd\":12,\"tokens\":2,\"text\":\"world,\"}\n"
                        + "{\"index\":2,\"start\":12,\"end\":18,\"byteStart\":12,\"byteEnd\":18,\"tokens\":1,\"text\":\" again\"}\n",
                ""), Cli.run("chunk", "-n", "2", "Hello world, again"));
    }

    @Test
    void offsetsAreUtf16AndUtf8() {
        // "é" is 1 char and 2 bytes; "😀" is 2 chars and 4 bytes.
        List<Map<String, Object>> chunks = parse(Cli.run("chunk", "-n", "3", "café 😀 ok ok ok").out());
        for (Map<String, Object> c : chunks) {
            String text = "café 😀 ok ok ok";
            int start = ((Number) c.get("start")).intValue();
            int end = ((Number) c.get("end")).intValue();
            assertEquals(text.substring(0, start).getBytes(StandardCharsets.UTF_8).length, ((Number) c.get("byteStart")).intValue());
            assertEquals(text.substring(0, end).getBytes(StandardCharsets.UTF_8).length, ((Number) c.get("byteEnd")).intValue());
        }
        assertEquals(List.of(
                        "{\"index\":0,\"start\":0,\"end\":5,\"byteStart\":0,\"byteEnd\":6,\"tokens\":3,\"text\":\"café \"}",
                        "{\"index\":1,\"start\":5,\"end\":10,\"byteStart\":6,\"byteEnd\":13,\"tokens\":3,\"text\":\"😀 ok\"}",
                        "{\"index\":2,\"start\":10,\"end\":16,\"byteStart\":13,\"byteEnd\":19,\"tokens\":2,\"text\":\" ok ok\"}"),
                Cli.run("chunk", "-n", "3", "café 😀 ok ok ok").out().lines().toList());
    }

    @Test
    void chunksFitCoverAndMatchTheirOffsets() {
        for (int n : new int[] {4, 7, 16, 50, 1000}) {
            for (int overlap : new int[] {0, 1, 3}) {
                List<Map<String, Object>> chunks = parse(Cli.run("chunk", "-n", String.valueOf(n), "--overlap",
                        String.valueOf(overlap), TEXT).out());
                int previousEnd = 0;
                byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < chunks.size(); i++) {
                    Map<String, Object> c = chunks.get(i);
                    int start = ((Number) c.get("start")).intValue();
                    int end = ((Number) c.get("end")).intValue();
                    String text = (String) c.get("text");
                    assertEquals(i, ((Number) c.get("index")).intValue());
                    assertEquals(TEXT.substring(start, end), text);
                    assertEquals(LLAMA3.count(text), ((Number) c.get("tokens")).intValue());
                    assertTrue(LLAMA3.count(text) <= n, "chunk re-encodes to at most N");
                    assertTrue(start <= previousEnd, "no gap");
                    assertTrue(overlap > 0 || start == previousEnd, "no overlap without --overlap");
                    int byteStart = ((Number) c.get("byteStart")).intValue();
                    int byteEnd = ((Number) c.get("byteEnd")).intValue();
                    assertEquals(text, new String(bytes, byteStart, byteEnd - byteStart, StandardCharsets.UTF_8));
                    previousEnd = end;
                }
                assertEquals(TEXT.length(), previousEnd, "the last chunk ends the text");
            }
        }
    }

    @Test
    void outDirectory(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("chunks");
        Cli.Result r = Cli.run("chunk", "-n", "16", "--overlap", "2", TEXT, "--out", out.toString());
        List<Map<String, Object>> expected = parse(Cli.run("chunk", "-n", "16", "--overlap", "2", TEXT).out());
        assertEquals(new Cli.Result(0, "", "tokenlab: wrote " + expected.size() + " chunks of at most 16 tokens (overlap 2) to "
                + out + "\n"), r);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("text"), Files.readString(out.resolve(String.format("chunk-%04d.txt", i + 1))));
        }
        assertEquals(expected.size(), Files.list(out).count());
        assertEquals(new Cli.Result(1, "", "tokenlab: " + out + ": already has chunk-*.txt files; remove them or choose"
                + " another directory\n"), Cli.run("chunk", "-n", "16", TEXT, "--out", out.toString()));
    }

    @Test
    void emptyInputHasNoChunks() {
        assertEquals(new Cli.Result(0, "", ""), Cli.runWithStdin("", "chunk", "-n", "5"));
    }

    @Test
    void usageErrors() {
        assertEquals(new Cli.Result(2, "", "tokenlab: -n must be at least 1: 0\n"), Cli.run("chunk", "-n", "0", "x"));
        assertEquals(new Cli.Result(2, "", "tokenlab: --overlap must be at least 0 and below -n (4): 4\n"),
                Cli.run("chunk", "-n", "4", "--overlap", "4", "x"));
        assertEquals(new Cli.Result(2, "", "tokenlab: -n 1: maxTokens 1 is less than the 3 tokens of the single character"
                + " at offset 0\n"), Cli.run("chunk", "-n", "1", "𝔘"));
        assertEquals(2, Cli.run("chunk", "--engine", "jtokkit", "-n", "3", "x").exitCode());
    }

    /** Reads JSON Lines with Jackson's parser (independently of the writer). */
    static List<Map<String, Object>> parse(String jsonLines) {
        List<Map<String, Object>> objects = new ArrayList<>();
        JsonFactory json = new JsonFactory();
        for (String line : jsonLines.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try (JsonParser p = json.createParser(line)) {
                assertEquals(JsonToken.START_OBJECT, p.nextToken());
                Map<String, Object> o = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken t = p.nextToken();
                    o.put(key, t == JsonToken.VALUE_STRING ? p.getText() : t == JsonToken.VALUE_NULL ? null : p.getNumberValue());
                }
                objects.add(o);
            } catch (IOException e) {
                throw new AssertionError(line, e);
            }
        }
        return objects;
    }
}
