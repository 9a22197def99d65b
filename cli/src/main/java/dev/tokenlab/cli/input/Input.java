package dev.tokenlab.cli.input;

/**
 * One text to tokenize and where it came from, for messages and reports.
 *
 * @param source   {@code "TEXT"} for the argument, {@code "stdin"}, or the file name as given
 * @param text     the text, decoded from UTF-8 (a leading BOM is kept as U+FEFF)
 * @param replaced how many invalid UTF-8 sequences {@code --lenient} replaced by U+FFFD (0 when strict)
 */
public record Input(String source, String text, int replaced) {
    public Input(String source, String text) {
        this(source, text, 0);
    }
}
