package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.cli.Json;
import dev.tokenlab.cli.render.compare.CompareFormats;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {

    @Test
    void oneTextGivesOneRowPerModel() {
        Cli.Result r = Cli.run("compare", "I love machine learning!", "-m", "llama3,cl100k_base");
        assertEquals(new Cli.Result(0, ""
                + "TEXT: 24 characters, 24 bytes, 4 words\n"
                + "model        tokens  chars/token  bytes/token  words/token  tokens/word  byte-fallback  unknown  vs llama3\n"
                + "llama3            5         4.80         4.80         0.80         1.25              0        0       1.00\n"
                + "cl100k_base       5         4.80         4.80         0.80         1.25              0        0       1.00\n",
                ""), r);
    }

    @Test
    void spacelessScriptsAreSaid() {
        String out = Cli.run("compare", "東京に行く", "-m", "llama3,o200k_base").out();
        assertTrue(out.startsWith("TEXT: 5 characters, 15 bytes, 5 words (5 of them single characters of scripts written"
                + " without spaces)\n"), out);
        assertTrue(out.contains("\no200k_base       4"), out);
    }

    @Test
    void needsTwoModels() {
        Cli.Result r = Cli.run("compare", "hi", "-m", "llama3");
        assertEquals(2, r.exitCode());
        assertEquals("tokenlab: compare needs at least two models: -m llama3,cl100k_base\n", r.err());
        assertEquals(2, Cli.run("compare", "hi").exitCode());
    }

    @Test
    void csvQuotesPerRfc4180() {
        assertEquals("plain", CompareFormats.csvField("plain"));
        assertEquals("\"a,b\"", CompareFormats.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CompareFormats.csvField("say \"hi\""));
        assertEquals("\"two\nlines\"", CompareFormats.csvField("two\nlines"));
    }

    @Test
    void aDirectoryGivesOneRowPerFileWithQuotedNames(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a,b.txt"), "Hello world", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("q\"x.txt"), "東京に行く", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("skip.md"), "not matched by *.txt", StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("compare", dir.toString(), "-m", "llama3,o200k_base", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        List<List<String>> rows = parseCsv(r.out());
        assertEquals(CompareFormats.CSV_COLUMNS, rows.get(0));
        assertEquals(1 + 3 * 2, rows.size());
        // sorted by tokens(o200k_base)/tokens(llama3), largest first: 4/3 before 2/2
        assertEquals(List.of("q\"x.txt", "q\"x.txt", "a,b.txt", "a,b.txt", "TOTAL", "TOTAL"),
                rows.subList(1, rows.size()).stream().map(row -> row.get(1)).toList());
        assertEquals(List.of("file", "q\"x.txt", "", "", "llama3", "llama3", "3", "5", "15", "5", "5", "1.6667", "5", "1.6667",
                "0.6", "0", "0", "1"), rows.get(1));
        assertEquals("total", rows.get(5).get(0));
        assertTrue(r.out().contains("\r\nfile,\"q\"\"x.txt\",") && r.out().contains("\r\nfile,\"a,b.txt\","), r.out());
    }

    @Test
    void udhrCsvCountsAreTokenizerCounts() throws IOException {
        Path udhr = SharedData.udhr();
        Cli.Result r = Cli.run("compare", udhr.toString(), "-m", "llama3,cl100k_base", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        List<List<String>> rows = parseCsv(r.out());
        List<String> header = rows.get(0);
        assertEquals(CompareFormats.CSV_COLUMNS, header);
        Map<String, Tokenizer> models = Map.of("llama3", Tokenizers.get("llama3"), "cl100k_base", Tokenizers.get("cl100k_base"));
        List<Path> files = txtFiles(udhr);
        assertEquals(532, files.size());
        assertEquals(1 + 2 * files.size() + 2, rows.size());
        Map<String, String> texts = new HashMap<>();
        for (Path f : files) {
            texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
        long[] sums = new long[2];
        double lastRatio = Double.MAX_VALUE;
        for (List<String> row : rows.subList(1, rows.size() - 2)) {
            assertEquals("file", row.get(0));
            String text = texts.get(row.get(1));
            String model = row.get(4);
            int expected = models.get(model).count(text);
            assertEquals(expected, Integer.parseInt(row.get(6)), row.get(1) + " on " + model);
            sums[model.equals("llama3") ? 0 : 1] += expected;
            if (model.equals("cl100k_base")) {
                double ratio = Double.parseDouble(row.get(17));
                assertTrue(ratio <= lastRatio + 1e-4, "sorted by ratio, largest first: " + row);
                lastRatio = ratio;
            }
        }
        assertEquals(String.valueOf(sums[0]), rows.get(rows.size() - 2).get(6));
        assertEquals(String.valueOf(sums[1]), rows.get(rows.size() - 1).get(6));
    }

    @Test
    void udhrJsonParsesAndAddsUp() {
        Path udhr = SharedData.udhr();
        Cli.Result r = Cli.run("compare", udhr.toString(), "-m", "llama3,cl100k_base", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> json = Json.object(r.out());
        assertEquals(List.of("engine", "models", "sort", "wordRule", "inputs", "total", "skipped"), List.copyOf(json.keySet()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) json.get("inputs");
        assertEquals(532, inputs.size());
        assertEquals(List.of("kind", "source", "language", "languageName", "characters", "bytes", "words", "spacelessCharacters",
                "ratio", "results"), List.copyOf(inputs.get(0).keySet()));
        double sum = 0;
        for (Map<String, Object> in : inputs) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) in.get("results");
            sum += (Double) results.get(0).get("tokens");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) json.get("total");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> totals = (List<Map<String, Object>>) total.get("results");
        assertEquals(sum, totals.get(0).get("tokens"));
        assertEquals(0.0, totals.get(0).get("byteFallback"));
        assertEquals(List.of("model", "tokens", "charsPerToken", "bytesPerToken", "wordsPerToken", "tokensPerWord", "byteFallback",
                "unknown", "relative"), List.copyOf(totals.get(0).keySet()));
    }

    @Test
    void udhrHtmlHasOneRowPerFileWithItsCounts(@TempDir Path tmp) throws IOException {
        Path udhr = SharedData.udhr();
        Path html = tmp.resolve("report.html");
        Cli.Result r = Cli.run("compare", udhr.toString(), "-m", "llama3,cl100k_base", "--format", "html", "-o", html.toString());
        assertEquals(new Cli.Result(0, "", ""), r);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(!page.contains("http://") || page.indexOf("http://") == page.indexOf("http://www.w3.org/2000/svg"),
                "no network references besides the SVG namespace");
        assertTrue(!page.contains("https://") && !page.contains("<link") && !page.contains("src="), "self-contained");
        Map<String, Tokenizer> models = Map.of("llama3", Tokenizers.get("llama3"), "cl100k_base", Tokenizers.get("cl100k_base"));
        Pattern row = Pattern.compile("<tr class=\"input\" data-source=\"([^\"]*)\">(.*?)</tr>");
        Pattern cell = Pattern.compile("<td class=\"num tokens\" data-model=\"([^\"]*)\">(\\d+)</td>");
        Matcher m = row.matcher(page);
        int rows = 0;
        while (m.find()) {
            rows++;
            String text = Files.readString(udhr.resolve(m.group(1)), StandardCharsets.UTF_8);
            Matcher c = cell.matcher(m.group(2));
            int cells = 0;
            while (c.find()) {
                cells++;
                assertEquals(models.get(c.group(1)).count(text), Integer.parseInt(c.group(2)), m.group(1) + " " + c.group(1));
            }
            assertEquals(2, cells);
        }
        assertEquals(532, rows);
        assertEquals(532 * 2, count(page, "<rect class=\"bar\""));
        assertEquals(2, count(page, "<div class=\"sample\""));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aMissingModelInTheListIsSkippedWithANote() {
        if (canOpen("llama2")) {
            return; // once llama2 is bundled, there is nothing to skip
        }
        Cli.Result r = Cli.run("compare", "hi there", "-m", "llama3,llama2,o200k_base", "--format", "json");
        assertEquals(0, r.exitCode());
        assertEquals("tokenlab: note: llama2: not available in this build; skipped\n", r.err());
        assertTrue(r.out().contains("\"skipped\":[{\"model\":\"llama2\",\"reason\":\"not available in this build\"}]"), r.out());
        Cli.Result two = Cli.run("compare", "hi", "-m", "llama3,llama2");
        assertEquals(4, two.exitCode());
        assertTrue(two.err().endsWith("tokenlab: compare needs at least two models that can be opened here; only llama3 can\n"),
                two.err());
    }

    private static boolean canOpen(String name) {
        try {
            Tokenizers.get(name);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void badInputFileIsOneLineError(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', (byte) 0xFF});
        Cli.Result r = Cli.run("compare", dir.toString(), "-m", "llama3,o200k_base");
        assertEquals(1, r.exitCode());
        assertEquals("tokenlab: " + bad + ": invalid UTF-8 at byte 2 (line 1, byte 0xFF)\n", r.err());
        Cli.Result none = Cli.run("compare", dir.toString(), "-m", "llama3,o200k_base", "--glob", "*.md");
        assertEquals(1, none.exitCode());
        assertEquals("tokenlab: " + dir + ": no file matches *.md (see --glob)\n", none.err());
    }

    private static List<Path> txtFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }

    /** RFC 4180: CRLF records, quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                assertEquals(0, field.length(), "a quote inside an unquoted field at " + i);
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertEquals('\n', text.charAt(i + 1), "CR without LF at " + i);
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertTrue(c != '\n', "bare LF at " + i);
                field.append(c);
            }
            i++;
        }
        assertEquals(0, field.length() + row.size(), "the last record ends with CRLF");
        for (List<String> r : rows) {
            assertEquals(rows.get(0).size(), r.size(), "every record has as many fields as the header: " + r);
        }
        return rows;
    }
}
