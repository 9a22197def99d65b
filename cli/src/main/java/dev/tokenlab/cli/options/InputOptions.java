package dev.tokenlab.cli.options;

import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.input.Input;
import dev.tokenlab.cli.input.TextInput;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the text comes from: one {@code TEXT} argument, {@code -f FILE}, or standard input (no
 * text, or {@code -}). Files and stdin are read as bytes and decoded as strict UTF-8 (see
 * {@link TextInput}). Shared by {@code encode} and {@code count}; later commands that take
 * directories or several files extend this one mixin.
 */
public final class InputOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT",
            description = {"The text, as one argument (quote it; after '--' if it starts with '-').",
                    "'-' or no TEXT and no --file: read standard input."})
    String text;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Read the text from FILE ('-' for stdin): strict UTF-8, a leading BOM is kept as text.")
    Path file;

    @Option(names = "--lenient",
            description = "Replace invalid UTF-8 in FILE or stdin by U+FFFD (and say how many) instead of failing.")
    boolean lenient;

    /**
     * Reads the one input these options name.
     *
     * @param stdin read when neither TEXT nor a file is given, or either is {@code -}
     * @throws CliException usage (exit 2) for TEXT and --file together; error (exit 1) for an
     *                      unreadable file or invalid UTF-8
     */
    public Input read(InputStream stdin) {
        if (text != null && file != null) {
            throw CliException.usage("give TEXT or --file, not both");
        }
        if (file != null && !file.toString().equals("-")) {
            return decode(TextInput.readFile(file), file.toString());
        }
        if (text != null && !text.equals("-")) {
            return new Input("TEXT", text);
        }
        return decode(TextInput.readStream(stdin, "stdin"), "stdin");
    }

    /** True when TEXT or {@code --file} was given (for commands with another input, such as {@code show --chat}). */
    public boolean given() {
        return text != null || file != null;
    }

    private Input decode(byte[] bytes, String source) {
        return lenient ? TextInput.decodeLenient(bytes, source) : new Input(source, TextInput.decodeStrict(bytes, source));
    }
}
