package dev.tokenlab.cli.render.explain;

import dev.tokenlab.cli.render.VisibleText;
import dev.tokenlab.explain.Levels;
import dev.tokenlab.explain.PieceView;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

import static dev.tokenlab.cli.render.explain.TraceText.bar;
import static dev.tokenlab.cli.render.explain.TraceText.line;

/**
 * {@code explain --levels}: a text as words, tokens and characters, one line each with its count.
 *
 * <pre>
 * "I love machine learning!" on llama3
 * words        4  I|love|machine|learning
 * tokens       5  I|·love|·machine|·learning|!
 * characters  24  I|·|l|o|v|e|·|m|a|c|h|i|n|e|·|l|e|a|r|n|i|n|g|!
 * </pre>
 */
public final class LevelsText {
    private final PrintWriter out;

    /** A renderer that prints on {@code out}. */
    public LevelsText(PrintWriter out) {
        this.out = out;
    }

    /** Prints the three levels of {@code l}, for {@code model} as given and its tokenizer {@code tokenizer}. */
    public void write(String model, String tokenizer, Levels l, PieceView pieces) {
        out.println("\"" + line(l.text()) + "\" on " + model
                + (model.equals(tokenizer) ? "" : " (" + tokenizer + ")"));
        String words = String.join("|", l.words());
        String chars = l.characters().stream().map(VisibleText::ofSpelling).collect(Collectors.joining("|"));
        int w = Math.max(Math.max(String.valueOf(l.words().size()).length(), String.valueOf(l.tokens().size()).length()),
                String.valueOf(l.characters().size()).length());
        out.println(String.format(Locale.ROOT, "words       %" + w + "d  %s", l.words().size(), words).stripTrailing());
        out.println(String.format(Locale.ROOT, "tokens      %" + w + "d  %s", l.tokens().size(), bar(l.tokens(), pieces)).stripTrailing());
        out.println(String.format(Locale.ROOT, "characters  %" + w + "d  %s", l.characters().size(), chars).stripTrailing());
    }
}
