package dev.tokenlab.cli.command;

import dev.tokenlab.cli.Cli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeCommandTest {

    @Test
    void idsAsSeparateArguments() {
        assertEquals(new Cli.Result(0, "Hello world\n", ""), Cli.run("decode", "-m", "llama3", "9906", "1917"));
    }

    @Test
    void idsInOneArgumentWithSpacesCommasOrBrackets() {
        assertEquals("Hello world\n", Cli.run("decode", "9906 1917").out());
        assertEquals("Hello world\n", Cli.run("decode", "9906,1917").out());
        assertEquals("Hello world\n", Cli.run("decode", "[9906, 1917]").out());
    }

    @Test
    void idsFromStdin() {
        assertEquals("Hello world\n", Cli.runWithStdin("9906 1917\n", "decode").out());
    }

    @Test
    void noNewline() {
        assertEquals("Hello world", Cli.run("decode", "-n", "9906", "1917").out());
    }

    @Test
    void roundTrip() {
        String text = "Tokenizers: naïve café, 東京, emoji 😀, tabs\tand\nlines, <|eot_id|> as text.";
        Cli.Result encoded = Cli.run("encode", text);
        assertEquals(0, encoded.exitCode());
        Cli.Result decoded = Cli.runWithStdin(encoded.out(), "decode", "--no-newline");
        assertEquals(new Cli.Result(0, text, ""), decoded);
    }

    @Test
    void roundTripOnCl100kAndJtokkit() {
        String text = "hello world, ¿qué tal?";
        String ids = Cli.run("encode", "-m", "cl100k_base", text).out();
        assertEquals(text + "\n", Cli.runWithStdin(ids, "decode", "-m", "cl100k_base", "--engine", "jtokkit").out());
    }

    @Test
    void specialIdsDecodeToTheirText() {
        assertEquals("<|begin_of_text|>Hello\n", Cli.run("decode", "128000", "9906").out());
    }

    @Test
    void halfAnEmojiWarns() {
        Cli.Result r = Cli.run("decode", "9468");
        assertEquals(0, r.exitCode());
        assertEquals("\uFFFD\n", r.out());
        assertEquals("tokenlab: warning: ids end inside a UTF-8 character; 1 invalid sequence(s) shown as U+FFFD"
                + " (use --bytes for the exact bytes)\n", r.err());
    }

    @Test
    void aSplitCharacterInTheMiddleWarnsDifferently() {
        Cli.Result r = Cli.run("decode", "9468", "9906");
        assertEquals(0, r.exitCode());
        assertEquals("\uFFFDHello\n", r.out());
        assertTrue(r.err().startsWith("tokenlab: warning: ids split UTF-8 characters; 1 invalid sequence(s)"), r.err());
    }

    @Test
    void wholeEmojiDoesNotWarn() {
        assertEquals(new Cli.Result(0, "😀\n", ""), Cli.run("decode", "76460", "222"));
    }

    @Test
    void bytesInHex() {
        assertEquals(new Cli.Result(0, "f09f\n", ""), Cli.run("decode", "--bytes", "9468"));
        assertEquals("48656c6c6f\n", Cli.run("decode", "--bytes", "9906").out());
    }

    @Test
    void notANumberIsAUsageErrorNamingIt() {
        Cli.Result r = Cli.run("decode", "abc");
        assertEquals(new Cli.Result(2, "", "tokenlab: not a token id: \"abc\"\n"), r);
        Cli.Result inList = Cli.run("decode", "9906,x1,1917");
        assertEquals(2, inList.exitCode());
        assertEquals("tokenlab: not a token id: \"x1\"\n", inList.err());
    }

    @Test
    void outOfRangeIsAnErrorWithCoreMessage() {
        Cli.Result r = Cli.run("decode", "999999999");
        assertEquals(new Cli.Result(1, "",
                "tokenlab: id 999999999 is not in the vocabulary of llama3 (valid ids are 0..128255)\n"), r);
        Cli.Result huge = Cli.run("decode", "99999999999999999999999");
        assertEquals(1, huge.exitCode());
        assertEquals("tokenlab: id 99999999999999999999999 is not in the vocabulary of llama3 (valid ids are 0..128255)\n",
                huge.err());
    }

    @Test
    void outOfRangeOnJtokkitGivesTheSameMessage() {
        assertEquals(new Cli.Result(1, "",
                "tokenlab: id 999999999 is not in the vocabulary of llama3 (valid ids are 0..128255)\n"),
                Cli.run("decode", "--engine", "jtokkit", "999999999"));
    }

    @Test
    void noIdsAtAllIsEmptyText() {
        assertEquals(new Cli.Result(0, "\n", ""), Cli.run("decode"));
    }
}
