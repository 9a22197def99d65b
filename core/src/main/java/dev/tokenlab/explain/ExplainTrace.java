package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;

import java.util.List;

/**
 * How one text became tokens under one tokenizer. What lies between the text and the tokens depends
 * on the algorithm: {@link BpeTrace} lists pieces and merges (byte-level BPE by rank, SentencePiece
 * BPE by piece score, Hugging Face BPE by merge rank); {@link UnigramTrace} gives the best segmentation
 * with its log probability and the next best ones; {@link WordPieceTrace} the greedy steps of each
 * word. Every trace ends in the same final tokens as
 * {@link dev.tokenlab.Tokenizer#tokenize(String)}.
 *
 * <pre>{@code
 * ExplainTrace t = Explainers.find(Tokenizers.get("llama3")).orElseThrow().explain("unhappiness");
 * t.tokens();   // [TokenSpan[id=359, "un", 0..2], TokenSpan[id=71, "h", 2..3], TokenSpan[id=67391, "appiness", 3..11]]
 * }</pre>
 */
public interface ExplainTrace {

    /** The tokenizer's name ({@code llama3}). */
    String tokenizer();

    /** The text explained. */
    String text();

    /** The algorithm, as {@link Explainer#algorithm()} names it. */
    String algorithm();

    /** The final tokens, exactly as {@code tokenize(text)} gives them. */
    List<TokenSpan> tokens();

    /** The final ids. */
    default int[] ids() {
        return tokens().stream().mapToInt(TokenSpan::id).toArray();
    }
}
