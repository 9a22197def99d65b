package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.cli.Json;
import dev.tokenlab.cli.TokenlabCommand;
import dev.tokenlab.cli.render.DisplayWidth;
import dev.tokenlab.cli.render.Terminal;
import dev.tokenlab.cli.render.TokenChips;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShowCommandTest {
    private static final String ESC = "\u001B[";
    private static final Terminal PIPE = Terminal.of(false, Map.of());
    private static final Terminal TTY = Terminal.of(true, Map.of("TERM", "xterm-256color"));

    /** Runs {@code tokenlab} in-process with {@code show} seeing {@code terminal}. */
    static Cli.Result run(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = TokenlabCommand.configure(new CommandLine(new TokenlabCommand(new ByteArrayInputStream(new byte[0]))));
        ((ShowCommand) cmd.getSubcommands().get("show").getCommand()).terminal = terminal;
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    @Test
    void unhappinessOnLlama3() {
        assertEquals(new Cli.Result(0, "llama3: 3 tokens\nun|h|appiness\n", ""), Cli.run("show", "unhappiness", "-m", "llama3"));
        assertEquals(new Cli.Result(0, "llama3: 3 tokens\nun|h|appiness\n", ""), run(PIPE, "show", "unhappiness", "-m", "llama3"));
    }

    @Test
    void colourAlwaysGivesChipsWithExactSequences() {
        String expected = ESC + "1mllama3" + ESC + "0m: 3 tokens\n"
                + ESC + "30;103mun" + ESC + "0m" + ESC + "30;106mh" + ESC + "0m" + ESC + "30;102mappiness" + ESC + "0m\n";
        assertEquals(new Cli.Result(0, expected, ""), run(PIPE, "show", "unhappiness", "-m", "llama3", "--color", "always"));
    }

    @Test
    void autoColoursOnlyATerminalWithoutNoColor() {
        String plain = "llama3: 3 tokens\nun|h|appiness\n";
        assertTrue(run(TTY, "show", "unhappiness", "-m", "llama3").out().contains(ESC + "30;103mun"));
        assertEquals(plain, run(PIPE, "show", "unhappiness", "-m", "llama3").out());
        assertEquals(plain, run(Terminal.of(true, Map.of("NO_COLOR", "1")), "show", "unhappiness", "-m", "llama3").out());
        assertEquals(plain, run(Terminal.of(true, Map.of("TERM", "dumb")), "show", "unhappiness", "-m", "llama3").out());
        // NO_COLOR set but empty does not count (no-color.org); --color always overrides it; never wins on a terminal.
        assertTrue(run(Terminal.of(true, Map.of("NO_COLOR", "")), "show", "unhappiness", "-m", "llama3").out().contains(ESC));
        assertTrue(run(Terminal.of(true, Map.of("NO_COLOR", "1")), "show", "unhappiness", "-m", "llama3", "--color", "always")
                .out().contains(ESC));
        assertEquals(plain, run(TTY, "show", "unhappiness", "-m", "llama3", "--color", "never").out());
    }

    @Test
    void chipsCycleThroughThePalette() {
        String out = run(PIPE, "show", "a b c d e f g h", "-m", "llama3", "--color", "always").out();
        for (String colour : TokenChips.PALETTE) {
            assertTrue(out.contains(colour), colour);
        }
        assertTrue(out.contains(TokenChips.PALETTE[0] + "·g"), out); // token 7 wraps round to the first colour
    }

    @Test
    void aSplitEmojiStaysOneBracketedCharacter() {
        // Llama 3 cuts 😀 (F0 9F 98 80) into <F0><9F><98> and <80>.
        assertEquals("llama3: 3 tokens\n[<F0><9F><98>|<80>]|·x\n", run(PIPE, "show", "😀 x", "-m", "llama3").out());
        // cl100k_base cuts 東 (E6 9D B1) in two; 京 stays whole.
        assertEquals("cl100k_base: 3 tokens\n[<E6><9D>|<B1>]|京\n", run(PIPE, "show", "東京", "-m", "cl100k_base").out());
    }

    @Test
    void idsStandUnderTheirTokensInColumns() {
        assertEquals("llama3: 3 tokens\nun |h |appiness\n359|71|67391\n",
                run(PIPE, "show", "unhappiness", "-m", "llama3", "--ids").out());
        assertEquals("llama3: 3 tokens\n[<F0><9F><98>|<80>]|·x\n 76460       |222  |865\n",
                run(PIPE, "show", "😀 x", "-m", "llama3", "--ids").out());
    }

    @Test
    void wideCharactersTakeTwoColumnsAndNewlinesEndLines() {
        // 東京 is 4 columns wide, so its id (6 digits) pads it by 2; the newline token ends the first line.
        assertEquals("llama3: 5 tokens\n"
                        + "Hello|·world|↵\n"
                        + "9906 |1917  |198\n"
                        + "東京  |·😀\n"
                        + "111344|91416\n",
                run(PIPE, "show", "Hello world\n東京 😀", "-m", "llama3", "--ids").out());
        assertEquals(4, DisplayWidth.of("東京"));
        assertEquals(2, DisplayWidth.of("😀"));
        assertEquals(1, DisplayWidth.of("e\u0301"));
    }

    @Test
    void idsWrapAtTheWidth() {
        assertEquals("llama3: 9 tokens\n"
                        + "The|·quick|·brown\n791|4062  |14198\n"
                        + "·fox |·jumps|·over\n39935|35308 |927\n"
                        + "·the|·lazy|·dog\n279 |16053|5679\n",
                run(PIPE, "show", "The quick brown fox jumps over the lazy dog", "-m", "llama3", "--ids", "--width", "20").out());
        assertEquals(3, run(Terminal.of(false, Map.of("COLUMNS", "20")), "show", "The quick brown fox jumps over the lazy dog",
                "-m", "llama3", "--ids").out().split("\n").length / 2);
    }

    @Test
    void idsInColourShareTheChip() {
        String out = run(PIPE, "show", "unhappiness", "-m", "llama3", "--ids", "--color", "always").out();
        assertEquals(ESC + "1mllama3" + ESC + "0m: 3 tokens\n"
                + ESC + "30;103mun " + ESC + "0m" + ESC + "30;106mh " + ESC + "0m" + ESC + "30;102mappiness" + ESC + "0m\n"
                + ESC + "30;103m359" + ESC + "0m" + ESC + "30;106m71" + ESC + "0m" + ESC + "30;102m67391   " + ESC + "0m\n", out);
    }

    @Test
    void severalModelsWithCountsAndDifferences() {
        assertEquals("llama3: 4 tokens\n東京|に行|く|·😀\n\n"
                        + "cl100k_base: 7 tokens (+3 vs llama3)\n[<E6><9D>|<B1>]|京|に|行|く|·😀\n\n"
                        + "o200k_base: 5 tokens (+1 vs llama3)\n東京|に|行|く|·😀\n\n"
                        + "gpt-4o: 5 tokens (+1 vs llama3)\n東京|に|行|く|·😀\n",
                run(PIPE, "show", "東京に行く 😀", "-m", "llama3,cl100k_base,o200k_base,gpt-4o").out());
        assertEquals("llama3: 3 tokens\nun|h|appiness\n\ncl100k_base: 3 tokens (same as llama3)\nun|h|appiness\n",
                run(PIPE, "show", "unhappiness", "-m", "llama3,cl100k_base").out());
    }

    @Test
    void defaultModelsSkipThoseThatCannotBeOpened() {
        Cli.Result r = run(PIPE, "show", "unhappiness");
        assertEquals(0, r.exitCode());
        boolean llama2 = Tokenizers.knownNames().contains("llama2") && canOpen("llama2");
        if (llama2) {
            assertTrue(r.out().startsWith("llama3: 3 tokens\nun|h|appiness\n\nllama2: "), r.out());
            assertEquals("", r.err());
        } else {
            assertEquals("llama3: 3 tokens\nun|h|appiness\n", r.out());
            assertEquals("tokenlab: note: llama2: not available in this build; skipped\n", r.err());
        }
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
    void anUnknownModelIsAnError() {
        Cli.Result r = run(PIPE, "show", "x", "-m", "llama3,lama3");
        assertEquals(4, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("tokenlab: unknown model \"lama3\"; did you mean llama3"), r.err());
        assertEquals(1, r.errLines().length);
    }

    @Test
    void badColourValueIsAUsageError() {
        Cli.Result r = run(PIPE, "show", "x", "--color", "sometimes");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
    }

    @Test
    void emptyTextHasNoTokenLine() {
        assertEquals("llama3: 0 tokens\n", run(PIPE, "show", "", "-m", "llama3").out());
    }

    @Test
    void jsonParsesAndNamesGroups() {
        Cli.Result r = run(PIPE, "show", "😀 x", "-m", "llama3,o200k_base", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> json = Json.object(r.out());
        assertEquals(List.of("text", "engine", "models", "skipped"), List.copyOf(json.keySet()));
        assertEquals("😀 x", json.get("text"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> models = (List<Map<String, Object>>) json.get("models");
        assertEquals("llama3", models.get(0).get("model"));
        assertEquals(3.0, models.get(0).get("count"));
        assertEquals(0.0, models.get(0).get("difference"));
        assertEquals(-1.0, models.get(1).get("difference"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tokens = (List<Map<String, Object>>) models.get(0).get("tokens");
        assertEquals(List.of("id", "text", "visible", "bytes", "start", "end", "partial", "group", "kind"),
                List.copyOf(tokens.get(0).keySet()));
        assertEquals("<F0><9F><98>", tokens.get(0).get("visible"));
        assertEquals("f09f98", tokens.get(0).get("bytes"));
        assertEquals(Boolean.TRUE, tokens.get(0).get("partial"));
        assertEquals(0.0, tokens.get(0).get("group"));
        assertEquals(0.0, tokens.get(1).get("group"));
        assertEquals(null, tokens.get(2).get("group"));
        assertEquals("ordinary", tokens.get(2).get("kind"));
    }
}
