package dev.tokenlab.cli.command;

import dev.tokenlab.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenlab encode}: formats, engines, special tokens, BOS/EOS, Meta's split. */
class EncodeCommandTest {

    @Test
    void idsOfLlama3() {
        Cli.Result r = Cli.run("encode", "-m", "llama3", "unhappiness");
        assertEquals(new Cli.Result(0, "359 71 67391\n", ""), r);
        assertEquals("9906 1917\n", Cli.run("encode", "-m", "llama3", "Hello world").out());
    }

    @Test
    void llama3IsTheDefaultModel() {
        assertEquals("9906 1917\n", Cli.run("encode", "Hello world").out());
    }

    @Test
    void profileNamesAndCaseWork() {
        assertEquals("9906 1917\n", Cli.run("encode", "-m", "Llama3.1", "Hello world").out());
    }

    @Test
    void tokensFormat() {
        Cli.Result r = Cli.run("encode", "-m", "llama3", "unhappiness", "--format", "tokens");
        assertEquals(new Cli.Result(0, "359\tun\n71\th\n67391\tappiness\n", ""), r);
    }

    @Test
    void tokensFormatMakesWhitespaceVisible() {
        assertEquals("9906\tHello\n1917\t·world\n", Cli.run("encode", "Hello world", "--format", "tokens").out());
    }

    @Test
    void tokensFormatShowsBytesOfPartialCharactersInHex() {
        // Llama 3 splits 😀 (F0 9F 98 80) into two tokens, neither a whole character.
        assertEquals("76460\t<F0><9F><98>\n222\t<80>\n", Cli.run("encode", "😀", "--format", "tokens").out());
    }

    @Test
    void formatValuesAreCaseInsensitive() {
        assertEquals("359\tun\n71\th\n67391\tappiness\n", Cli.run("encode", "unhappiness", "--format", "TOKENS").out());
    }

    @Test
    void jsonFormat() {
        Cli.Result r = Cli.run("encode", "-m", "llama3", "unhappiness", "--format", "json");
        assertEquals(0, r.exitCode());
        assertEquals("{\"model\":\"llama3\",\"tokenizer\":\"llama3\",\"engine\":\"core\",\"count\":3,\"ids\":[359,71,67391],"
                + "\"tokens\":[{\"id\":359,\"text\":\"un\",\"bytes\":\"756e\",\"start\":0,\"end\":2,\"special\":false},"
                + "{\"id\":71,\"text\":\"h\",\"bytes\":\"68\",\"start\":2,\"end\":3,\"special\":false},"
                + "{\"id\":67391,\"text\":\"appiness\",\"bytes\":\"617070696e657373\",\"start\":3,\"end\":11,\"special\":false}]}\n",
                r.out());
    }

    @Test
    void jsonNamesTheProfileAndItsTokenizer() {
        String out = Cli.run("encode", "-m", "gpt-4o", "Hello world", "--format", "json").out();
        assertTrue(out.startsWith("{\"model\":\"gpt-4o\",\"tokenizer\":\"o200k_base\",\"engine\":\"core\",\"count\":2,"), out);
    }

    @Test
    void jsonEscapesTokenText() {
        String out = Cli.run("encode", "a\"b\\c\n", "--format", "json").out();
        assertTrue(out.contains("{\"id\":1,\"text\":\"\\\"\",\"bytes\":\"22\",\"start\":1,\"end\":2,"), out);
        assertTrue(out.contains("{\"id\":59,\"text\":\"\\\\\",\"bytes\":\"5c\","), out);
        assertTrue(out.contains("{\"id\":198,\"text\":\"\\n\",\"bytes\":\"0a\","), out);
        assertTrue(out.endsWith("}]}\n") && out.indexOf('\n') == out.length() - 1, "one line of JSON: " + out);
    }

    @Test
    void specialTokenTextIsOrdinaryTextByDefault() {
        assertEquals("27 91 68 354 851 91 29\n", Cli.run("encode", "<|eot_id|>").out());
        assertEquals("27 91 68 354 851 91 29\n", Cli.run("encode", "--special", "text", "<|eot_id|>").out());
    }

    @Test
    void specialAllow() {
        assertEquals(new Cli.Result(0, "128009\n", ""), Cli.run("encode", "--special", "allow", "<|eot_id|>"));
    }

    @Test
    void specialDenyFailsNamingTokenAndOffset() {
        Cli.Result r = Cli.run("encode", "--special", "deny", "hi <|eot_id|>");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("tokenlab: input contains the special token <|eot_id|> at character 3, which is disallowed\n", r.err());
    }

    @Test
    void bosAndEos() {
        assertEquals("128000 9906 1917\n", Cli.run("encode", "--bos", "Hello world").out());
        assertEquals("9906 1917 128001\n", Cli.run("encode", "--eos", "Hello world").out());
        assertEquals("128000 128001\n", Cli.run("encode", "--bos", "--eos", "").out());
        assertEquals("128000\t<|begin_of_text|>\n9906\tHello\n",
                Cli.run("encode", "--bos", "Hello", "--format", "tokens").out());
        String json = Cli.run("encode", "--bos", "Hi", "--format", "json").out();
        assertTrue(json.contains("\"ids\":[128000,13347]"), json);
        assertTrue(json.contains("{\"id\":128000,\"text\":\"<|begin_of_text|>\",\"bytes\":\"3c7c626567696e5f6f665f746578747c3e\","
                + "\"start\":0,\"end\":0,\"special\":true}"), json);
    }

    @Test
    void bosOnAModelWithoutOneIsAUsageError() {
        Cli.Result r = Cli.run("encode", "-m", "cl100k_base", "--bos", "hi");
        assertEquals(2, r.exitCode());
        assertEquals("tokenlab: --bos: model cl100k_base has no begin-of-text token\n", r.err());
    }

    @Test
    void cl100kOnCoreAndOnJtokkitAgree() {
        Cli.Result core = Cli.run("encode", "-m", "cl100k_base", "hello world");
        Cli.Result jtokkit = Cli.run("encode", "-m", "cl100k_base", "--engine", "jtokkit", "hello world");
        assertEquals(new Cli.Result(0, "15339 1917\n", ""), core);
        assertEquals(core, jtokkit);
    }

    @Test
    void jtokkitEngineInJson() {
        String out = Cli.run("encode", "--engine", "JTokkit", "unhappiness", "--format", "json").out();
        assertTrue(out.startsWith("{\"model\":\"llama3\",\"tokenizer\":\"llama3\",\"engine\":\"jtokkit\",\"count\":3,\"ids\":[359,71,67391]"), out);
    }

    @Test
    void metaSplitOnCoreGivesTheSameIdsForOrdinaryText() {
        assertEquals("9906 1917\n", Cli.run("encode", "--meta-split", "Hello world").out());
    }

    @Test
    void metaSplitOnAnotherEngineIsAUsageError() {
        Cli.Result r = Cli.run("encode", "--meta-split", "--engine", "jtokkit", "Hello");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tokenlab: --meta-split works only with tiktoken-style tokenizers on the core engine"), r.err());
    }

    @Test
    void metaSplitOnASentencePieceModelIsAUsageError() {
        Cli.Result r = Cli.run("encode", "--meta-split", "-m", "llama2", "Hello");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("tokenlab: --meta-split works only with tiktoken-style tokenizers on the core engine (llama3, cl100k_base …),"
                + " not with llama2 on core\n", r.err());
    }

    @Test
    void metaSplitDoesNotHideWhatElseIsWrong(@TempDir Path dir) throws IOException {
        assertEquals(4, Cli.run("encode", "--meta-split", "--engine", "nosuch", "Hello").exitCode(), "unknown engine");
        assertEquals(4, Cli.run("encode", "--meta-split", "-m", "lama3", "Hello").exitCode(), "unknown model");
        Path bad = Files.writeString(dir.resolve("bad.model"), "not a model");
        Cli.Result r = Cli.run("encode", "--meta-split", "-m", bad.toString(), "Hello");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("bad.model"), r.err());
    }

    @Test
    void metaSplitReachesTheEncoder() {
        // 30,000 characters without whitespace: Meta's split cuts the run at 25,000, inside an "abc".
        String run = "abc".repeat(10_000);
        assertEquals("10000\n", Cli.run("count", run).out());
        assertEquals("10001\n", Cli.run("count", "--meta-split", run).out());
    }

    @Test
    void emptyTextGivesAnEmptyLine() {
        assertEquals(new Cli.Result(0, "\n", ""), Cli.run("encode", ""));
    }

    @Test
    void twoWordsWithoutQuotesAreAUsageError() {
        Cli.Result r = Cli.run("encode", "Hello", "world");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("tokenlab: Unmatched argument at index 2: 'world'; TEXT is one argument"), r.err());
    }

    @Test
    void textStartingWithADashGoesAfterDoubleDash() {
        assertEquals("12 20 12628\n", Cli.run("encode", "--", "-5 degrees").out());
        Cli.Result r = Cli.run("encode", "-5 degrees");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("text that starts with '-' goes after '--'"), r.err());
    }

    @Test
    void sentencePieceTokensShowTheirPieces() {
        assertEquals("28859\t▁unh\n932\tapp\n3335\tiness\n13\t<0x0A>\n",
                Cli.run("encode", "-m", "llama2", "--format", "tokens", "unhappiness\n").out());
        assertEquals("{\"model\":\"llama2\",\"tokenizer\":\"llama2\",\"engine\":\"core\",\"count\":1,\"ids\":[7251],"
                + "\"tokens\":[{\"id\":7251,\"text\":\" hi\",\"piece\":\"▁hi\",\"bytes\":\"206869\",\"start\":0,\"end\":2,"
                + "\"special\":false}]}\n", Cli.run("encode", "-m", "llama2", "--format", "json", "hi").out());
    }
}
