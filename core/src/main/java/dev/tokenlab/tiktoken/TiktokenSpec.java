package dev.tokenlab.tiktoken;

import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.pretokenize.PreTokenizer;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A tiktoken-style tokenizer declared as data, as tiktoken's {@code openai_public.py} does: its name,
 * where its ranks come from (and their SHA-256), its pre-tokenizer pattern and its special tokens.
 *
 * @param name          registry name, for example {@code llama3}
 * @param family        the models that use it, for people ("Llama 3, 3.1, 3.2, 3.3")
 * @param ranks         loads the ordinary vocabulary (called once, lazily)
 * @param rankCount     number of ordinary ranks, known without loading them
 * @param rankSha256    SHA-256 of the canonical tiktoken rank file of this vocabulary
 * @param preTokenizer  splits text into pieces
 * @param specialTokens special-token text to id, in declaration order
 * @param bos           the special token {@code --bos} prepends, or {@code null}
 * @param eos           the special token {@code --eos} appends, or {@code null}
 * @param source        where the vocabulary comes from, for {@code tokenlab models}
 */
public record TiktokenSpec(String name, String family, Supplier<ByteVocabulary> ranks, int rankCount, String rankSha256,
                           PreTokenizer preTokenizer, Map<String, Integer> specialTokens, String bos, String eos,
                           String source) {

    /** Builds the tokenizer (loading the ranks); callers should cache it, as {@code Tokenizers} does. */
    public TiktokenTokenizer create() {
        return new TiktokenTokenizer(this, ranks.get());
    }

    /** Number of ids, ordinary and special. */
    public int vocabularySize() {
        int size = rankCount;
        for (int id : specialTokens.values()) {
            size = Math.max(size, id + 1);
        }
        return size;
    }
}
