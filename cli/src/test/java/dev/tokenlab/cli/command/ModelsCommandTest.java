package dev.tokenlab.cli.command;

import dev.tokenlab.cli.Cli;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsCommandTest {

    @Test
    void tableListsLlama3WithVocabularyAndContext() {
        Cli.Result r = Cli.run("models");
        assertEquals(0, r.exitCode());
        assertEquals("", r.err());
        String llama3 = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("llama3 ")).findFirst().orElseThrow();
        assertTrue(llama3.matches("llama3 +Llama 3, 3\\.1, 3\\.2, 3\\.3 +128256 +8192 +bundled.*"), llama3);
        String cl100k = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("cl100k_base ")).findFirst().orElseThrow();
        assertTrue(cl100k.matches("cl100k_base +.* +100277 +- +.*"), cl100k);
    }

    @Test
    void tableListsProfilesAndEngines() {
        String out = Cli.run("models").out();
        assertTrue(out.lines().anyMatch(l -> l.matches("llama3\\.1 +llama3 +131072 +Meta Llama 3\\.1")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("gpt-4o +o200k_base +128000 .*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("llama2 +llama2 +4096 .*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("sentencepiece +.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("core +Tokenlab's own engine.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("jtokkit +JTokkit.*")), out);
    }

    @Test
    void json() {
        Cli.Result r = Cli.run("models", "--format", "json");
        assertEquals(0, r.exitCode());
        String out = r.out();
        assertTrue(out.startsWith("{\"tokenizers\":[{\"name\":\"llama3\",\"family\":\"Llama 3, 3.1, 3.2, 3.3\","
                + "\"vocabularySize\":128256,\"contextWindow\":8192,\"source\":"), out);
        assertTrue(out.contains("{\"name\":\"cl100k_base\",\"family\":\"GPT-4, GPT-3.5-turbo, text-embedding-3\","
                + "\"vocabularySize\":100277,\"contextWindow\":null,"), out);
        assertTrue(out.contains("{\"name\":\"llama3.1\",\"tokenizer\":\"llama3\",\"contextWindow\":131072,"
                + "\"chatTemplate\":\"llama3\",\"notes\":\"Meta Llama 3.1\",\"available\":true}"), out);
        assertTrue(out.contains("{\"name\":\"llama2\",\"family\":\"Llama 2\",\"vocabularySize\":32000,\"contextWindow\":4096,"), out);
        assertTrue(out.contains("\"engines\":[{\"name\":\"core\","), out);
        assertTrue(out.contains("{\"name\":\"jtokkit\",\"description\":"), out);
        assertTrue(out.endsWith("]}\n"), out);
    }
}
