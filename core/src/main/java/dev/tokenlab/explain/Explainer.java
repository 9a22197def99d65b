package dev.tokenlab.explain;

/**
 * Explains how one tokenizer turns a text into tokens, step by step. Get one with
 * {@link Explainers#find(dev.tokenlab.Tokenizer)}; tokenizers whose algorithm Tokenlab does not run
 * itself (the adapters') have none.
 *
 * <pre>{@code
 * Explainer e = Explainers.find(Tokenizers.get("llama3")).orElseThrow();
 * e.algorithm();                         // "byte-level BPE: start from the piece's bytes, merge the adjacent pair of lowest rank first"
 * ExplainTrace t = e.explain("unhappiness");
 * t.ids();                               // [359, 71, 67391]: always what encode gives
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Explainer {

    /** The name of the tokenizer explained, as {@link dev.tokenlab.Tokenizer#name()} gives it. */
    String tokenizer();

    /** One line naming the algorithm and its rule, for the header of a trace. */
    String algorithm();

    /**
     * The trace of encoding {@code text}, special-token text treated as ordinary text (as
     * {@code encode(text)} does). Its {@link ExplainTrace#tokens()} are exactly
     * {@code tokenizer.tokenize(text)}.
     */
    ExplainTrace explain(String text);
}
