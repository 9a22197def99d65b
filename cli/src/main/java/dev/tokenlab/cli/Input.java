package dev.tokenlab.cli;

/**
 * One text to tokenize and where it came from, for messages and reports.
 *
 * @param source {@code "TEXT"} for the argument, {@code "stdin"}, or the file name as given
 * @param text   the text, decoded strictly from UTF-8 (a leading BOM is kept as U+FEFF)
 */
record Input(String source, String text) {
}
