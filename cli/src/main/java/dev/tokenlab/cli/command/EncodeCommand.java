package dev.tokenlab.cli.command;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.options.EncodingOptions;
import dev.tokenlab.cli.options.InputOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.VisibleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code tokenlab encode}: text to token ids.
 *
 * <pre>
 * $ tokenlab encode -m llama3 unhappiness --format tokens
 * 359	un
 * 71	h
 * 67391	appiness
 * </pre>
 */
@Command(name = "encode",
        description = "Encode text into token ids.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Formats:",
                "  ids     the ids on one line, separated by single spaces.",
                "  tokens  one line per token: the id, a tab, and the token's text with",
                "          whitespace made visible: · space, → tab, ↵ newline, <0x0D> other",
                "          control characters, <U+FEFF> invisible ones; bytes that are not",
                "          whole UTF-8 characters in hex: <F0><9F>.",
                "  json    one line: the ids, and per token its text, exact bytes (hex) and",
                "          UTF-16 offsets; its JSON Schema: tokenlab schema encode.",
                "",
                "Examples:",
                "  tokenlab encode -m llama3 \"Hello world\"              # 9906 1917",
                "  tokenlab encode -m llama3 unhappiness --format tokens",
                "  tokenlab encode --special allow --bos \"<|eot_id|>\"  # 128000 128009",
                "  cat notes.txt | tokenlab encode -m gpt-4o --format json"})
public final class EncodeCommand extends TokenlabSubcommand {

    /** Output formats of {@code encode}. */
    enum Format { ids, tokens, json }

    @Mixin
    ModelOptions model;

    @Mixin
    InputOptions input;

    @Mixin
    EncodingOptions encoding;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ids",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; see below).")
    Format format;

    @Option(names = "--bos", description = "Prepend the model's begin-of-text id (Llama 3: 128000).")
    boolean bos;

    @Option(names = "--eos", description = "Append the model's end-of-text id (Llama 3: 128001).")
    boolean eos;

    @Override
    protected int run() {
        Tokenizer t = encoding.open(model);
        int bosId = bos ? t.bosId().orElseThrow(() -> CliException.usage(
                "--bos: model " + t.name() + " has no begin-of-text token")) : -1;
        int eosId = eos ? t.eosId().orElseThrow(() -> CliException.usage(
                "--eos: model " + t.name() + " has no end-of-text token")) : -1;
        String text = readInput(input).text();
        PrintWriter out = out();
        if (format == Format.ids) {
            int[] ids = t.encode(text, encoding.policy());
            String sep = "";
            if (bos) {
                out.print(bosId);
                sep = " ";
            }
            for (int id : ids) {
                out.print(sep);
                out.print(id);
                sep = " ";
            }
            if (eos) {
                out.print(sep);
                out.print(eosId);
            }
            out.println();
            return ExitCodes.OK;
        }
        List<TokenSpan> spans = new ArrayList<>();
        if (bos) {
            spans.add(new TokenSpan(bosId, t.tokenBytes(bosId), 0, 0, true));
        }
        spans.addAll(t.tokenize(text, encoding.policy()));
        if (eos) {
            spans.add(new TokenSpan(eosId, t.tokenBytes(eosId), text.length(), text.length(), true));
        }
        if (format == Format.tokens) {
            for (TokenSpan s : spans) {
                out.print(s.id());
                out.print('\t');
                out.println(t.piece(s.id()).orElseGet(() -> VisibleText.of(s.bytes())));
            }
        } else {
            writeJson(out, t, spans);
        }
        return ExitCodes.OK;
    }

    private void writeJson(PrintWriter out, Tokenizer t, List<TokenSpan> spans) {
        JsonOutput json = new JsonOutput(out).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("engine").value(model.engine())
                .name("count").value(spans.size())
                .name("ids").beginArray();
        for (TokenSpan s : spans) {
            json.value(s.id());
        }
        json.endArray().name("tokens").beginArray();
        HexFormat hex = HexFormat.of();
        for (TokenSpan s : spans) {
            json.beginObject()
                    .name("id").value(s.id())
                    .name("text").value(s.text());
            Optional<String> piece = t.piece(s.id());
            if (piece.isPresent()) {
                json.name("piece").value(piece.get()); // SentencePiece models only
            }
            json.name("bytes").value(hex.formatHex(s.bytes()))
                    .name("start").value(s.charStart())
                    .name("end").value(s.charEnd())
                    .name("special").value(s.special())
                    .endObject();
        }
        json.endArray().endObject();
        out.println();
    }
}
