package dev.tokenlab.explain;

/**
 * Where a piece of a Hugging Face {@code tokenizer.json} trace comes from: most are cut by the
 * pre-tokenizer and tokenized by the model; added tokens are found in the text before the model sees
 * it and taken as they are; the post-processor may add tokens around the text
 * ({@code addSpecialTokens}). Traces of other formats have model pieces only.
 *
 * <pre>{@code
 * // Mistral's tokenizer.json, "Hi</s>": "</s>" is an added token (special), found before normalization
 * // pieces: "▁Hi" (MODEL, merged), "</s>" (ADDED_TOKEN, id 2, taken as it is) — with the policy allowing it
 * }</pre>
 */
public enum PieceSource {
    /** Cut by the pre-tokenizer (or the whole stretch, without one) and tokenized by the model. */
    MODEL,
    /** An added token ({@code added_tokens} of tokenizer.json) found in the text: one token, taken as it is. */
    ADDED_TOKEN,
    /** A token the post-processor adds around the text ({@code addSpecialTokens}): it covers no text. */
    POST_PROCESSOR
}
