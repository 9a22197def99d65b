package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;

import java.util.List;

/**
 * One text at three levels: words (the {@link Words} rule), subwords (the tokenizer's tokens) and
 * characters (Unicode code points, spaces and punctuation included). The lesson of
 * {@code tokenlab explain --levels}: a model sees neither words nor letters, but tokens in between.
 *
 * <pre>{@code
 * Levels l = Levels.of(Tokenizers.get("llama3"), "I love machine learning!");
 * l.words();              // [I, love, machine, learning]: 4
 * l.tokens().size();      // 5: "I" " love" " machine" " learning" "!"
 * l.characters().size();  // 24
 * }</pre>
 *
 * @param text       the text
 * @param words      its words, in order
 * @param tokens     its tokens ({@code tokenize(text)}, special-token text as ordinary text)
 * @param characters its code points, each as a string
 */
public record Levels(String text, List<String> words, List<TokenSpan> tokens, List<String> characters) {

    public Levels {
        words = List.copyOf(words);
        tokens = List.copyOf(tokens);
        characters = List.copyOf(characters);
    }

    /** The three levels of {@code text} under {@code tokenizer}. */
    public static Levels of(Tokenizer tokenizer, String text) {
        List<String> chars = text.codePoints().mapToObj(Character::toString).toList();
        return new Levels(text, Words.split(text), tokenizer.tokenize(text), chars);
    }
}
