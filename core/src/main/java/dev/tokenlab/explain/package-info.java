/**
 * What the teaching views ({@code tokenlab show}, {@code compare}, {@code explain}) need from a
 * tokenizer, beyond its ids: how each merge happened, how the vocabulary writes and classifies its
 * tokens, and text seen at the word, token and character level.
 *
 * <ul>
 *   <li>{@link dev.tokenlab.explain.Explainers#find} gives the {@link dev.tokenlab.explain.Explainer}
 *       of a tokenizer, if it has one. The byte-level BPE of the tiktoken-style tokenizers (Llama 3,
 *       cl100k_base, o200k_base …) and the BPE of SentencePiece models (Llama 2) give a
 *       {@link dev.tokenlab.explain.BpeTrace}: the pieces, each piece's starting symbols, every merge
 *       with its rank or score, the final tokens, and (SentencePiece) the normalized text and the
 *       {@link dev.tokenlab.explain.Fallback}s of text no piece covers. SentencePiece Unigram models give
 *       a {@link dev.tokenlab.explain.UnigramTrace}: the best segmentation with its log probability and
 *       the next best ones. Hugging Face {@code tokenizer.json} models run the file's own pipeline
 *       (added tokens, normalizer, pre-tokenizer) and give a {@link dev.tokenlab.explain.BpeTrace} by
 *       {@linkplain dev.tokenlab.explain.BpeTrace.MergeOrder#MERGE_RANK merge rank} (BPE), a
 *       {@link dev.tokenlab.explain.WordPieceTrace} of greedy longest-match-first steps (BERT) or a
 *       {@link dev.tokenlab.explain.UnigramTrace} word by word; added tokens are pieces of their own
 *       ({@link dev.tokenlab.explain.PieceSource}). The final tokens are always the ids {@code encode}
 *       gives, and the spans {@code tokenize} gives.</li>
 *   <li>{@link dev.tokenlab.explain.Explainers#pieces} gives a {@link dev.tokenlab.explain.PieceView}:
 *       which ids are byte-fallback, unknown or special pieces, and how the vocabulary spells a piece
 *       ({@code ▁Hello}) where it has a spelling of its own.</li>
 *   <li>{@link dev.tokenlab.explain.Words} is the word rule of the fertility figures, and
 *       {@link dev.tokenlab.explain.Levels} the three levels of one text.</li>
 * </ul>
 *
 * <p>Tracing runs beside the encoders, never inside them: {@code TracingBytePairMerger},
 * {@code TracingBpeSegmenter}, {@code TracingRankedMergeBpe}, {@code TracingBpe},
 * {@code TracingWordPiece}, {@code TracingUnigram} and {@code UnigramLattice} repeat the encoders' rules
 * with listeners and alternatives the encode path has no use for.
 */
package dev.tokenlab.explain;
