package dev.tokenlab.cli.command;

import dev.tokenlab.Decoded;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.TextInput;
import dev.tokenlab.cli.input.Utf8;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.render.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code tokenlab decode}: token ids back to text.
 *
 * <pre>
 * $ tokenlab decode -m llama3 9906 1917
 * Hello world
 * $ tokenlab decode -m llama3 9468
 * �
 * tokenlab: warning: ids end inside a UTF-8 character; 1 invalid sequence(s) shown as U+FFFD (use --bytes for the exact bytes)
 * </pre>
 */
@Command(name = "decode",
        description = "Decode token ids into text.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "The text is printed followed by one newline; with -n exactly the decoded",
                "text, so 'tokenlab encode -f F | tokenlab decode -n' gives back F.",
                "Ids that end inside a UTF-8 character (or split one) cannot be shown as",
                "text: those bytes are printed as U+FFFD, with a warning on stderr (exit 0);",
                "--bytes prints the exact bytes in hex. An argument that is not a number is",
                "a usage error (exit 2); an id outside the vocabulary an error (exit 1).",
                "",
                "Examples:",
                "  tokenlab decode -m llama3 9906 1917               # Hello world",
                "  tokenlab decode -m llama3 \"[9906, 1917]\"          # the same",
                "  tokenlab encode -f a.txt | tokenlab decode -n > b.txt",
                "  tokenlab decode -m llama3 --bytes 9468            # f09f: half an emoji"})
public final class DecodeCommand extends TokenlabSubcommand {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,\\[\\]]+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+");

    @Mixin
    ModelOptions model;

    @Parameters(paramLabel = "IDS", arity = "0..*",
            description = "Token ids: separate arguments, or one argument with spaces or commas"
                    + " (brackets allowed). None: read them from standard input.")
    List<String> args = new ArrayList<>();

    @Option(names = "--bytes", description = "Print the exact bytes the ids stand for, as lowercase hex.")
    boolean bytes;

    @Option(names = {"-n", "--no-newline"}, description = "Do not print a newline after the text.")
    boolean noNewline;

    @Override
    protected int run() {
        List<String> words = new ArrayList<>();
        if (args.isEmpty()) {
            words.add(TextInput.decodeStrict(TextInput.readStream(stdin(), "stdin"), "stdin"));
        } else {
            words.addAll(args);
        }
        List<String> parts = split(words);
        Tokenizer t = model.open();
        int[] ids = new int[parts.size()];
        for (int i = 0; i < ids.length; i++) {
            String part = parts.get(i);
            long id;
            try {
                id = Long.parseLong(part);
            } catch (NumberFormatException e) {
                id = -1; // more digits than a long holds: out of range as well
            }
            // Checked here too, not only by the engine: every engine then gives the same message.
            if (id < 0 || id >= t.vocabularySize()) {
                throw CliException.error("id " + part + " is not in the vocabulary of " + t.name()
                        + " (valid ids are 0.." + (t.vocabularySize() - 1) + ")");
            }
            ids[i] = (int) id;
        }
        if (bytes) {
            out().println(HexFormat.of().formatHex(t.decodeBytes(ids)));
            return ExitCodes.OK;
        }
        Decoded decoded = t.decodeChecked(ids);
        out().print(decoded.text());
        if (!noNewline) {
            out().println();
        }
        out().flush();
        if (!decoded.lossless()) {
            warn((endsInsideCharacter(t.decodeBytes(ids), decoded) ? "ids end inside a UTF-8 character; "
                    : "ids split UTF-8 characters; ") + decoded.replacedSequences()
                    + " invalid sequence(s) shown as U+FFFD (use --bytes for the exact bytes)");
        }
        return ExitCodes.OK;
    }

    /**
     * The ids in {@code words}, in order, as written: each is a decimal number, maybe signed.
     *
     * @throws CliException (usage) naming the first part that is not a number
     */
    private static List<String> split(List<String> words) {
        List<String> parts = new ArrayList<>();
        for (String word : words) {
            for (String part : SEPARATORS.split(word.strip())) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!NUMBER.matcher(part).matches()) {
                    throw CliException.usage("not a token id: " + JsonOutput.quote(part));
                }
                parts.add(part.startsWith("+") ? part.substring(1) : part);
            }
        }
        return parts;
    }

    /** True when the only damage is an incomplete character at the very end. */
    private static boolean endsInsideCharacter(byte[] bytes, Decoded decoded) {
        if (decoded.replacedSequences() != 1 || bytes.length == 0) {
            return false;
        }
        int p = bytes.length - 1;
        while (p > 0 && p > bytes.length - 4 && (bytes[p] & 0xC0) == 0x80) {
            p--;
        }
        return Utf8.isValid(bytes, 0, p) && Utf8.validSequenceLength(bytes, p, bytes.length) == 0;
    }
}
