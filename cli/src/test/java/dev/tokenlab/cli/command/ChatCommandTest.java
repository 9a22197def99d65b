package dev.tokenlab.cli.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenlab chat}. The Llama 3 ids are checked against ids built here by hand from Meta's
 * {@code ChatFormat.encode_dialog_prompt} ({@code llama/tokenizer.py}, llama3 repository):
 * {@code <|begin_of_text|>}, then per message {@code <|start_header_id|>} + encode(role, tool → ipython)
 * + {@code <|end_header_id|>} + encode("\n\n") + encode(content) + {@code <|eot_id|>}, then the
 * assistant's header. Meta's special ids are written out, not looked up.
 */
class ChatCommandTest {
    private static final int BEGIN_OF_TEXT = 128000;
    private static final int START_HEADER = 128006;
    private static final int END_HEADER = 128007;
    private static final int EOT = 128009;
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    @TempDir
    Path dir;

    /** Meta's rules, by hand. */
    private static String metaIds(List<String[]> messages) {
        List<Integer> ids = new ArrayList<>();
        ids.add(BEGIN_OF_TEXT);
        for (String[] m : messages) {
            header(ids, m[0].equals("tool") ? "ipython" : m[0]);
            for (int id : LLAMA3.encode(m[1])) {
                ids.add(id);
            }
            ids.add(EOT);
        }
        header(ids, "assistant");
        StringJoiner sj = new StringJoiner(" ", "", "\n");
        ids.forEach(id -> sj.add(id.toString()));
        return sj.toString();
    }

    private static void header(List<Integer> ids, String role) {
        ids.add(START_HEADER);
        for (int id : LLAMA3.encode(role)) {
            ids.add(id);
        }
        ids.add(END_HEADER);
        for (int id : LLAMA3.encode("\n\n")) {
            ids.add(id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multilingual.json", "code.json", "special-tokens.json", "empty.json", "tool.json"})
    void idsFollowMetasEncodeDialogPrompt(String name) throws IOException {
        Path file = SharedData.testdata().resolve("chat").resolve(name);
        List<String[]> messages = readMessages(Files.readString(file));
        assertTrue(!messages.isEmpty());
        Cli.Result r = Cli.run("chat", "-m", "llama3.1", "--format", "ids", file.toString());
        assertEquals(new Cli.Result(0, metaIds(messages), ""), r);
        // Every llama3.x profile has the same template; stdin and -f read the same.
        assertEquals(r, Cli.runWithStdin(Files.readString(file), "chat", "-m", "llama3.3", "--format", "ids"));
        assertEquals(r, Cli.run("chat", "-m", "llama3", "--format", "ids", "-f", file.toString()));
    }

    /** The same dialogs against testdata/golden/chat-llama3.tsv: Meta's algorithm run on tiktoken itself. */
    @ParameterizedTest
    @ValueSource(strings = {"multilingual.json", "code.json", "special-tokens.json", "empty.json", "tool.json"})
    void idsEqualTiktokensGolden(String name) throws IOException {
        String golden = Files.readAllLines(SharedData.testdata().resolve("golden/chat-llama3.tsv")).stream()
                .filter(l -> l.startsWith(name + "\t")).findFirst().orElseThrow().split("\t")[1];
        Path file = SharedData.testdata().resolve("chat").resolve(name);
        assertEquals(new Cli.Result(0, golden + "\n", ""), Cli.run("chat", "-m", "llama3.1", "--format", "ids", file.toString()));
    }

    @Test
    void specialTokenTextInContentStaysText() throws IOException {
        Path file = SharedData.testdata().resolve("chat").resolve("special-tokens.json");
        String ids = Cli.run("chat", "-m", "llama3.1", "--format", "ids", file.toString()).out();
        long eots = List.of(ids.strip().split(" ")).stream().filter(s -> s.equals(String.valueOf(EOT))).count();
        assertEquals(3, eots, "one <|eot_id|> per message, none from the content");
    }

    @Test
    void knownIds() {
        assertEquals("128000 128006 882 128007 271 13347 128009 128006 78191 128007 271\n",
                Cli.runWithStdin("[{\"role\":\"user\",\"content\":\"Hi\"}]", "chat", "-m", "llama3.1", "--format", "ids").out());
        assertEquals("128000 128006 78191 128007 271\n",
                Cli.runWithStdin("{\"messages\":[]}", "chat", "-m", "llama3.1", "--format", "ids").out());
    }

    @Test
    void countTable() {
        String chat = "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello! How can I help?\"},{\"role\":\"tool\",\"content\":\"{}\"}]}";
        assertEquals(new Cli.Result(0,
                "#  role       content  overhead  total\n"
                        + "1  system           3         6      9\n"
                        + "2  user             1         5      6\n"
                        + "3  assistant        7         5     12\n"
                        + "4  tool             1         6      7\n"
                        + "   reply                      4      4\n"
                        + "   total           12        26     38\n"
                        + "0.0% of the 131,072-token context window\n", ""),
                Cli.runWithStdin(chat, "chat", "-m", "llama3.1"));
        String ids = Cli.runWithStdin(chat, "chat", "-m", "llama3.1", "--format", "ids").out();
        assertEquals(38, ids.strip().split(" ").length);
    }

    @Test
    void budgets() {
        String chat = "[{\"role\":\"user\",\"content\":\"Hi\"}]"; // 11 tokens with llama3.1's template
        String ids = "128000 128006 882 128007 271 13347 128009 128006 78191 128007 271\n";
        assertEquals(new Cli.Result(3, ids, "tokenlab: over budget by 1 token: 11 > 10 (--limit)\n"),
                Cli.runWithStdin(chat, "chat", "-m", "llama3.1", "--format", "ids", "--limit", "10"));
        assertEquals(new Cli.Result(0, ids, ""), Cli.runWithStdin(chat, "chat", "-m", "llama3.1", "--format", "ids", "--limit", "11"));
        assertEquals(new Cli.Result(0, ids, ""), Cli.runWithStdin(chat, "chat", "-m", "llama3.1", "--format", "ids", "--fit"));
        assertEquals(new Cli.Result(3, ids, "tokenlab: over budget by 3 tokens: 11 > 8 (--context 16 less 8 reserved for the answer)\n"),
                Cli.runWithStdin(chat, "chat", "-m", "llama3.1", "--format", "ids", "--context", "16", "--reserve", "8"));
        assertEquals(new Cli.Result(3, ids, "tokenlab: over budget by 1 token: 11 > 10 (Ollama num_ctx; Ollama silently truncates a prompt beyond it)\n"),
                Cli.runWithStdin(chat, "chat", "-m", "llama3", "--format", "ids", "--ollama-num-ctx", "10"));
        Cli.Result table = Cli.runWithStdin(chat, "chat", "-m", "llama3", "--ollama-num-ctx", "20");
        assertEquals(0, table.exitCode());
        assertTrue(table.out().endsWith("   total        1        10     11\n55.0% of the 20-token context window\n"), table.out());
        assertEquals(new Cli.Result(2, "", "tokenlab: --fit needs a context window: cl100k_base has no model profile;"
                        + " give --context N (or a model such as llama3.1)\n"),
                Cli.runWithStdin(chat, "chat", "-m", "cl100k_base", "--template", "llama3", "--fit"));
    }

    @Test
    void json() {
        assertEquals("{\"model\":\"llama3.1\",\"tokenizer\":\"llama3\",\"template\":\"llama3\",\"count\":11,"
                        + "\"messages\":[{\"role\":\"user\",\"contentTokens\":1,\"overhead\":6}],\"replyOverhead\":4}\n",
                Cli.runWithStdin("[{\"role\":\"user\",\"content\":\"Hi\"}]", "chat", "-m", "llama3.1", "--format", "json").out());
    }

    @Test
    void templateComesFromTheProfileOrTheOption() {
        assertEquals(new Cli.Result(2, "", "tokenlab: model cl100k_base: cannot use chat template functions because"
                        + " tokenizer.chat_template is not set and no --template was given (a FILE.jinja, or llama3|llama2);"
                        + " models with a built-in one: llama3, llama3.1, llama3.2, llama3.3, llama2\n"),
                Cli.runWithStdin("[]", "chat", "-m", "cl100k_base"));
        assertEquals(2, Cli.runWithStdin("[]", "chat", "-m", "gpt-4o").exitCode());
        assertEquals(new Cli.Result(1, "", "tokenlab: the llama3 chat template needs <|begin_of_text|>, which o200k_base"
                + " does not have\n"), Cli.runWithStdin("[]", "chat", "-m", "gpt-4o", "--template", "llama3"));
        // Llama 2's format on the llama3 vocabulary: BOS "[INST] Hi [/INST]".
        String ids = Cli.runWithStdin("[{\"role\":\"user\",\"content\":\" Hi \"}]", "chat", "-m", "llama3",
                "--template", "llama2", "--format", "ids").out();
        StringJoiner expected = new StringJoiner(" ", "", "\n").add("128000");
        for (int id : LLAMA3.encode("[INST] Hi [/INST]")) {
            expected.add(String.valueOf(id));
        }
        assertEquals(expected.toString(), ids);
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: llama2 chats take roles system (optional), then user and"
                        + " assistant alternating; message 2 is user, expected assistant\n"),
                Cli.runWithStdin("[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}]",
                        "chat", "-m", "llama3", "--template", "llama2"));
    }

    @Test
    void badJsonSaysWhere() {
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: invalid JSON at line 3, column 20: Unexpected character ('\"' (code 34)):"
                        + " was expecting comma to separate Object entries\n"),
                Cli.runWithStdin("{\"messages\":\n  [\n    {\"role\":\"user\" \"content\":\"a\"}]}", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: invalid JSON at line 1, column 32: Unexpected character ('}' (code 125)):"
                        + " was expecting double-quote to start field name\n"),
                Cli.runWithStdin("[{\"role\":\"user\", \"content\":\"a\",}]", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: invalid JSON at line 2, column 1: Unexpected end-of-input:"
                        + " expected close marker for Array (start marker at line 1, column 1)\n"),
                Cli.runWithStdin("[{\"role\":\"user\",\"content\":\"Hi\"}\n", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: invalid JSON at line 1, column 57: Duplicate field 'messages'\n"),
                Cli.runWithStdin("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}], \"messages\":[]}", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: unexpected data after the JSON value (line 1, column 4)\n"),
                Cli.runWithStdin("[] []", "chat", "-m", "llama3"));
        assertEquals(1, Cli.runWithStdin("", "chat", "-m", "llama3").exitCode());
        assertEquals(1, Cli.runWithStdin("[{'role':'user','content':'a'}]", "chat", "-m", "llama3").exitCode());
    }

    @Test
    void badMessagesSayWhich() throws IOException {
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: message 2 (line 3) has no \"content\"\n"),
                Cli.runWithStdin("[\n{\"role\":\"user\",\"content\":\"a\"},\n{\"role\":\"assistant\",\"text\":\"b\"}]", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: message 1 (line 1) has no \"role\"\n"),
                Cli.runWithStdin("[{\"content\":\"a\"}]", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: message 1: \"content\" must be a string, not null (line 1, column 27)\n"),
                Cli.runWithStdin("[{\"role\":\"user\",\"content\":null}]", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: message 1 (line 1): unknown role \"usr\"; roles are system, user,"
                + " assistant and tool (or ipython)\n"), Cli.runWithStdin("[{\"role\":\"usr\",\"content\":\"a\"}]", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: message 1 must be an object with \"role\" and \"content\" (line 1, column 2)\n"),
                Cli.runWithStdin("[\"hi\"]", "chat", "-m", "llama3"));
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: no \"messages\" array in the JSON object\n"),
                Cli.runWithStdin("{\"model\":\"llama3\"}", "chat", "-m", "llama3"));
        Path f = Files.writeString(dir.resolve("d.json"), "[{\"role\":\"user\"}]");
        assertEquals(new Cli.Result(1, "", "tokenlab: " + f + ": message 1 (line 1) has no \"content\"\n"),
                Cli.run("chat", "-m", "llama3", f.toString()));
        assertEquals(new Cli.Result(2, "", "tokenlab: give FILE or --file, not both\n"),
                Cli.run("chat", "-m", "llama3", f.toString(), "-f", f.toString()));
    }

    /** Reads a dialog file with Jackson's parser directly: the messages' role and content. */
    private static List<String[]> readMessages(String json) throws IOException {
        List<String[]> messages = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    if (key.equals("messages")) {
                        readArray(p, messages);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                readArray(p, messages);
            }
        }
        return messages;
    }

    private static void readArray(JsonParser p, List<String[]> messages) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String[] m = new String[2];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (key.equals("role")) {
                    m[0] = p.getText();
                } else if (key.equals("content")) {
                    m[1] = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            messages.add(m);
        }
    }
}
