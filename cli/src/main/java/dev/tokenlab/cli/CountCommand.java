package dev.tokenlab.cli;

import dev.tokenlab.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenlab count}: how many tokens a text is, without building the id list.
 *
 * <pre>
 * $ tokenlab count -m llama3 "Hello world"
 * 2
 * </pre>
 */
@Command(name = "count",
        description = "Count the tokens of a text (as many as 'encode' prints, without --bos/--eos).",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Formats:",
                "  text  the count and a newline.",
                "  json  {\"model\":\"llama3\",\"tokenizer\":\"llama3\",\"engine\":\"core\",\"count\":2}",
                "",
                "Examples:",
                "  tokenlab count -m llama3 \"Hello world\"          # 2",
                "  tokenlab count -m gpt-4o -f README.md --format json",
                "  git diff | tokenlab count -m cl100k_base"})
final class CountCommand extends TokenlabSubcommand {

    /** Output formats of {@code count}. */
    enum Format { text, json }

    @Mixin
    ModelOptions model;

    @Mixin
    InputOptions input;

    @Mixin
    EncodingOptions encoding;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    protected int run() {
        Tokenizer t = encoding.apply(model.open(), model.engine());
        String text = readInput(input).text();
        int count = t.count(text, encoding.policy());
        if (format == Format.json) {
            new JsonWriter(out()).beginObject()
                    .name("model").value(model.model())
                    .name("tokenizer").value(t.name())
                    .name("engine").value(model.engine())
                    .name("count").value(count)
                    .endObject();
            out().println();
        } else {
            out().println(count);
        }
        return ExitCodes.OK;
    }
}
