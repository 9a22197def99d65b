/**
 * What the teaching views ({@code tokenlab show}, {@code compare}, {@code explain}) need from a
 * tokenizer, beyond its ids: how each merge happened, how the vocabulary writes and classifies its
 * tokens, and text seen at the word, token and character level.
 *
 * <ul>
 *   <li>{@link dev.tokenlab.explain.Explainers#find} gives the {@link dev.tokenlab.explain.Explainer}
 *       of a tokenizer, if it has one: today the byte-level BPE of the tiktoken-style tokenizers
 *       (Llama 3, cl100k_base, o200k_base …), whose {@link dev.tokenlab.explain.BpeTrace} lists the
 *       pre-tokenizer's pieces, each piece's starting bytes, every merge with its rank, and the final
 *       tokens (always the ids {@code encode} gives).</li>
 *   <li>{@link dev.tokenlab.explain.Explainers#pieces} gives a {@link dev.tokenlab.explain.PieceView}:
 *       which ids are byte-fallback, unknown or special pieces, and how the vocabulary spells a piece
 *       ({@code ▁Hello}) where it has a spelling of its own.</li>
 *   <li>{@link dev.tokenlab.explain.Words} is the word rule of the fertility figures, and
 *       {@link dev.tokenlab.explain.Levels} the three levels of one text.</li>
 * </ul>
 *
 * <p>SentencePiece models plug in at {@link dev.tokenlab.explain.Explainers}: a BPE trace that merges
 * by piece score fits {@link dev.tokenlab.explain.BpeTrace} with
 * {@link dev.tokenlab.explain.BpeTrace.MergeOrder#HIGHEST_SCORE}; a Unigram trace (the best path
 * through the lattice with its log-probability, and the next-best segmentations) is another
 * {@link dev.tokenlab.explain.ExplainTrace}.
 */
package dev.tokenlab.explain;
