package dev.tokenlab.cli.command;

import dev.tokenlab.cli.Cli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountCommandTest {

    @Test
    void counts() {
        assertEquals(new Cli.Result(0, "3\n", ""), Cli.run("count", "-m", "llama3", "unhappiness"));
        assertEquals("2\n", Cli.run("count", "Hello world").out());
    }

    @Test
    void agreesWithEncode() {
        String text = "Counting is encoding without the list: naïve café, 東京 😀\n\tdone.";
        String ids = Cli.run("encode", "-m", "gpt-4o", text).out().strip();
        assertEquals(ids.split(" ").length + "\n", Cli.run("count", "-m", "gpt-4o", text).out());
    }

    @Test
    void json() {
        assertEquals("{\"model\":\"llama3\",\"tokenizer\":\"llama3\",\"engine\":\"core\",\"contextWindow\":8192,"
                        + "\"limit\":null,\"files\":[{\"path\":null,\"tokens\":2}],\"skipped\":[],\"total\":2,\"overBy\":null}\n",
                Cli.run("count", "Hello world", "--format", "json").out());
        assertEquals("{\"model\":\"gpt-4\",\"tokenizer\":\"cl100k_base\",\"engine\":\"jtokkit\",\"contextWindow\":8192,"
                        + "\"limit\":8192,\"files\":[{\"path\":null,\"tokens\":2}],\"skipped\":[],\"total\":2,\"overBy\":0}\n",
                Cli.run("count", "-m", "gpt-4", "--fit", "--engine", "jtokkit", "hello world", "--format", "json").out());
        assertEquals("{\"model\":\"cl100k_base\",\"tokenizer\":\"cl100k_base\",\"engine\":\"core\",\"contextWindow\":null,"
                        + "\"limit\":null,\"files\":[{\"path\":\"-\",\"tokens\":2}],\"skipped\":[],\"total\":2,\"overBy\":null}\n",
                Cli.runWithStdin("hello world", "count", "-m", "cl100k_base", "--format", "json").out());
    }

    @Test
    void specialPolicy() {
        assertEquals("7\n", Cli.run("count", "<|eot_id|>").out());
        assertEquals("1\n", Cli.run("count", "--special", "allow", "<|eot_id|>").out());
        assertEquals(1, Cli.run("count", "--special", "deny", "<|eot_id|>").exitCode());
    }

    @Test
    void stdin() {
        assertEquals("2\n", Cli.runWithStdin("Hello world", "count").out());
        assertEquals("2\n", Cli.runWithStdin("Hello world", "count", "-").out());
        assertEquals("0\n", Cli.runWithStdin("", "count").out());
    }
}
