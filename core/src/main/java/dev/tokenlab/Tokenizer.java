package dev.tokenlab;

import dev.tokenlab.internal.IntBuffer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns text into token ids and back, exactly as a reference tokenizer does.
 *
 * <p>Implementations are immutable and thread-safe: one instance can serve every thread of a server.
 * Every {@code encode} without a {@link SpecialTokens} argument uses {@link #defaultSpecialTokens()},
 * which treats special-token text as ordinary text unless the tokenizer was built with other
 * {@link TokenizerOptions}, so user content cannot inject a control token by default.
 *
 * <pre>{@code
 * Tokenizer llama3 = Tokenizers.get("llama3");
 * llama3.encode("unhappiness");                  // [359, 71, 67391]
 * llama3.count("unhappiness");                   // 3
 * llama3.decode(new int[] {359, 71, 67391});     // "unhappiness"
 * }</pre>
 */
public interface Tokenizer {

    /** The name this tokenizer is registered under, for example {@code llama3} or {@code cl100k_base}. */
    String name();

    /** Number of ids, ordinary and special: every valid id is below this. */
    int vocabularySize();

    /**
     * Encodes text, passing each token to {@code sink} as it is produced; the sink may stop early.
     * This is the one loop every other encode method uses.
     *
     * @throws SpecialTokenException if the text contains special-token text the policy disallows
     */
    void encode(CharSequence text, SpecialTokens policy, TokenSink sink);

    /**
     * The policy of the methods that take none: {@link SpecialTokens#asText()} unless the tokenizer was
     * built with {@link TokenizerOptions#specialTokens(SpecialTokens)}.
     */
    default SpecialTokens defaultSpecialTokens() {
        return SpecialTokens.asText();
    }

    /**
     * This tokenizer with {@code policy} as its {@link #defaultSpecialTokens()}: what the methods that take no
     * policy use, and so what code built on them uses ({@code TokenBudget}, the chat templates), for a
     * tokenizer someone else built with another one. Everything else is this tokenizer's.
     *
     * <pre>{@code
     * Tokenizer strict = Tokenizers.open("llama3", TokenizerOptions.defaults().specialTokens(SpecialTokens.disallowAll()));
     * strict.withDefaultSpecialTokens(SpecialTokens.asText()).count("<|eot_id|>");   // 7, where strict.count throws
     * }</pre>
     */
    default Tokenizer withDefaultSpecialTokens(SpecialTokens policy) {
        return DefaultPolicyTokenizer.of(this, policy);
    }

    /**
     * Encodes text under {@link #defaultSpecialTokens()}: special-token text as ordinary text by default.
     *
     * <pre>{@code
     * Tokenizers.get("llama3").encode("Hello world");   // [9906, 1917]
     * }</pre>
     */
    default int[] encode(String text) {
        return encode(text, defaultSpecialTokens());
    }

    /**
     * Encodes text under an explicit special-token policy.
     *
     * <pre>{@code
     * Tokenizers.get("llama3").encode("<|eot_id|>", SpecialTokens.allowAll());   // [128009]
     * }</pre>
     *
     * @throws SpecialTokenException if the text contains special-token text the policy disallows
     */
    default int[] encode(String text, SpecialTokens policy) {
        IntBuffer ids = new IntBuffer(Math.max(16, text.length() / 3));
        encode(text, policy, (id, start, end) -> {
            ids.add(id);
            return true;
        });
        return ids.toArray();
    }

    /**
     * Counts the tokens of {@code text} under {@link #defaultSpecialTokens()} without building an id
     * array; always equals {@code encode(text).length}.
     *
     * <pre>{@code
     * Tokenizers.get("llama3").count("Hello world");   // 2
     * }</pre>
     */
    default int count(String text) {
        return count(text, defaultSpecialTokens());
    }

    /** Counts tokens under an explicit special-token policy; equals {@code encode(text, policy).length}. */
    default int count(String text, SpecialTokens policy) {
        int[] n = {0};
        encode(text, policy, (id, start, end) -> {
            n[0]++;
            return true;
        });
        return n[0];
    }

    /**
     * Encodes text into spans: id, bytes and the UTF-16 range of the input each token came from.
     *
     * <pre>{@code
     * Tokenizers.get("llama3").tokenize("unhappiness");
     * // [TokenSpan[id=359, "un", 0..2], TokenSpan[id=71, "h", 2..3], TokenSpan[id=67391, "appiness", 3..11]]
     * }</pre>
     */
    default List<TokenSpan> tokenize(String text, SpecialTokens policy) {
        List<TokenSpan> spans = new ArrayList<>();
        encode(text, policy, (id, start, end) -> {
            spans.add(new TokenSpan(id, tokenBytes(id), start, end, isSpecial(id)));
            return true;
        });
        return spans;
    }

    /** {@link #tokenize(String, SpecialTokens)} under {@link #defaultSpecialTokens()}. */
    default List<TokenSpan> tokenize(String text) {
        return tokenize(text, defaultSpecialTokens());
    }

    /**
     * The exact bytes one id stands for (a special token's text for special ids).
     *
     * @throws TokenizerException if the id is not in the vocabulary
     */
    byte[] tokenBytes(int id);

    /**
     * The exact bytes of a sequence of ids: never lossy.
     *
     * <pre>{@code
     * Tokenizers.get("llama3").decodeBytes(new int[] {9906});   // the 5 bytes of "Hello"
     * }</pre>
     *
     * @throws TokenizerException if an id is not in the vocabulary
     */
    default byte[] decodeBytes(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            out.writeBytes(tokenBytes(id));
        }
        return out.toByteArray();
    }

    /**
     * Decodes ids to text, and says whether that was exact (see {@link Decoded}).
     *
     * <pre>{@code
     * Tokenizers.get("llama3").decodeChecked(new int[] {76460, 222});   // Decoded[text=😀, lossless=true, replacedSequences=0]
     * Tokenizers.get("llama3").decodeChecked(new int[] {76460});        // Decoded[text=\uFFFD, lossless=false, ...]: part of an emoji
     * }</pre>
     */
    default Decoded decodeChecked(int[] ids) {
        return Decoded.of(decodeBytes(ids));
    }

    /**
     * Decodes ids to text. <b>Lossy</b>: bytes that are not complete UTF-8 characters (ids ending in
     * the middle of a character) become U+FFFD. Use {@link #decodeChecked(int[])} to find out, or
     * {@link #decodeBytes(int[])} for the exact bytes.
     *
     * <pre>{@code
     * Tokenizers.get("llama3").decode(new int[] {9906, 1917});   // "Hello world"
     * }</pre>
     */
    default String decode(int[] ids) {
        return decodeChecked(ids).text();
    }

    /**
     * How the vocabulary itself spells a token, where that differs from its bytes: SentencePiece's
     * pieces ({@code "▁Hello"}, {@code "<0x0A>"}, {@code "<s>"}). Empty for byte-level BPE, whose
     * tokens are nothing but bytes ({@link #tokenBytes(int)}).
     *
     * <pre>{@code
     * Tokenizers.get("llama2").piece(15043);   // Optional[▁Hello]
     * Tokenizers.get("llama3").piece(9906);    // Optional.empty
     * }</pre>
     */
    default Optional<String> piece(int id) {
        return Optional.empty();
    }

    /** The special tokens this tokenizer knows, text to id (empty if it has none). */
    Map<String, Integer> specialTokens();

    /** Whether {@code id} is a special (control) token. */
    boolean isSpecial(int id);

    /** The id a caller prepends with {@code --bos} (Llama 3: {@code <|begin_of_text|>}), if the model has one. */
    OptionalInt bosId();

    /**
     * The largest position {@code b}, {@code from < b < to}, where the text can be cut so that
     * encoding {@code [from, b)} and then {@code [b, …)} separately gives exactly the ids of encoding
     * it whole, whatever follows {@code to}; -1 if this tokenizer knows none in the range. Lets
     * {@code dev.tokenlab.budget.StreamingCounter} count text larger than memory exactly.
     */
    default int lastSafeCut(CharSequence text, int from, int to) {
        return -1;
    }

    /** The id a caller appends with {@code --eos} (Llama 3: {@code <|end_of_text|>}), if the model has one. */
    OptionalInt eosId();

    /**
     * What this tokenizer is made of, and what its model files say (context length, chat templates);
     * by default only its name as the format.
     */
    default TokenizerDescription describe() {
        return TokenizerDescription.of(name(), List.of());
    }
}
