package dev.tokenlab.cli.options;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Opens the several models of {@code show} and {@code compare} ({@code -m llama3,llama2,o200k_base}).
 * A model Tokenlab knows by name but cannot open here (llama2 before its vocabulary is bundled, a
 * missing rank file) is skipped with a one-line note; an unknown name or a bad model file is an error
 * as in every other command (exit 4 or 1).
 *
 * <pre>{@code
 * ModelList.open(List.of("llama3", "llama2"), "core", note -> ...);
 * // today: [llama3]; note "llama2: not available in this build; skipped"
 * }</pre>
 */
public final class ModelList {
    private ModelList() {
    }

    /** One opened model: the name as given (lower-cased, or the path as typed) and its tokenizer. */
    public record Opened(String model, Tokenizer tokenizer) {
    }

    /** A model that was skipped, and why. */
    public record Skipped(String model, String reason) {
    }

    /** What {@link #open} gives. */
    public record Result(List<Opened> opened, List<Skipped> skipped) {
    }

    /**
     * Opens each model of {@code names} (comma-separated values already split) on {@code engine}.
     *
     * @param note told one line per skipped model
     * @throws CliException (usage) when no model is named
     * @throws TokenizerNotFoundException for a name Tokenlab does not know (exit 4)
     * @throws TokenizerException for a model file that cannot be read (exit 1)
     */
    public static Result open(List<String> names, String engine, Consumer<String> note) {
        List<Opened> opened = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            Path file = ModelOptions.asFile(name);
            if (file != null) {
                opened.add(new Opened(name, Tokenizers.load(file, TokenizerOptions.defaults().engine(engine))));
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            try {
                opened.add(new Opened(lower, Tokenizers.get(lower, TokenizerOptions.defaults().engine(engine))));
            } catch (TokenizerException e) {
                if (!isKnown(lower) || e instanceof TokenizerNotFoundException && isEngineProblem(engine)) {
                    throw e;
                }
                String reason = e instanceof TokenizerNotFoundException ? "not available in this build"
                        : "cannot be opened here (" + ErrorReporter.oneLine(e.getMessage()) + ")";
                skipped.add(new Skipped(lower, reason));
                note.accept(lower + ": " + reason + "; skipped");
            }
        }
        if (opened.isEmpty() && skipped.isEmpty()) {
            throw CliException.usage("no model given: -m takes model names separated by commas (-m llama3,o200k_base)");
        }
        if (opened.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "none of the models can be opened here: "
                    + String.join(", ", skipped.stream().map(Skipped::model).toList()));
        }
        return new Result(opened, skipped);
    }

    /** Whether Tokenlab knows {@code name} as a tokenizer or a model profile. */
    private static boolean isKnown(String name) {
        return Tokenizers.knownNames().contains(name);
    }

    private static boolean isEngineProblem(String engine) {
        if (Tokenizers.CORE.equalsIgnoreCase(engine)) {
            return false;
        }
        return Tokenizers.providers().stream().noneMatch(p -> p.engine().equalsIgnoreCase(engine));
    }
}
