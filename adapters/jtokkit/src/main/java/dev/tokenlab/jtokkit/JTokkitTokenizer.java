package dev.tokenlab.jtokkit;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.spi.SpecialTokenSplitter;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A {@link Tokenizer} that runs JTokkit's encoder, for side-by-side comparison with core and as the
 * reference in conformance tests.
 *
 * <p>JTokkit has no offsets and no special-token policy of its own: special tokens are cut out here
 * by the same rules as core (ordinary text unless allowed; disallowed fails), and each segment between
 * them goes through JTokkit's {@code encodeOrdinary}. Token offsets passed to a {@link TokenSink} are
 * those of the whole segment, not of each token.
 *
 * <pre>{@code
 * Tokenizer ref = Tokenizers.get("llama3", TokenizerOptions.defaults().engine("jtokkit"));
 * ref.encode("unhappiness");   // [359, 71, 67391], as core
 * }</pre>
 */
public final class JTokkitTokenizer implements Tokenizer {
    private final String name;
    private final Encoding encoding;
    private final Map<String, Integer> specials;
    private final Map<Integer, String> specialText;
    private final int vocabularySize;
    private final OptionalInt bos;
    private final OptionalInt eos;
    private final SpecialTokenSplitter splitter;
    private final SpecialTokens defaultSpecialTokens;

    JTokkitTokenizer(String name, Encoding encoding, Map<String, Integer> specials, int vocabularySize, OptionalInt bos,
                     OptionalInt eos, SpecialTokens defaultSpecialTokens) {
        this.name = name;
        this.encoding = encoding;
        this.specials = Map.copyOf(specials);
        this.splitter = new SpecialTokenSplitter(specials);
        this.defaultSpecialTokens = defaultSpecialTokens;
        this.specialText = new HashMap<>();
        specials.forEach((k, v) -> specialText.put(v, k));
        this.vocabularySize = vocabularySize;
        this.bos = bos;
        this.eos = eos;
    }

    /** The JTokkit encoding underneath, for benchmarks that call it directly. */
    public Encoding encoding() {
        return encoding;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        String s = text.toString();
        splitter.split(s, policy, sink, (start, end) -> encodeSegment(s, start, end, sink));
    }

    private boolean encodeSegment(String s, int from, int to, TokenSink sink) {
        if (from >= to) {
            return true;
        }
        IntArrayList ids = encoding.encodeOrdinary(s.substring(from, to));
        for (int i = 0; i < ids.size(); i++) {
            if (!sink.accept(ids.get(i), from, to)) {
                return false;
            }
        }
        return true;
    }


    @Override
    public int count(String text, SpecialTokens policy) {
        if (policy.isAllText()) {
            return encoding.countTokensOrdinary(text);
        }
        return Tokenizer.super.count(text, policy);
    }

    @Override
    public byte[] tokenBytes(int id) {
        String special = specialText.get(id);
        if (special != null) {
            return special.getBytes(StandardCharsets.UTF_8);
        }
        IntArrayList one = new IntArrayList(1);
        one.add(id);
        byte[] bytes;
        try {
            bytes = id >= 0 && id < vocabularySize ? encoding.decodeBytes(one) : null;
        } catch (RuntimeException e) { // JTokkit 1.1.0 throws NullPointerException for an unused id
            bytes = null;
        }
        if (bytes == null || bytes.length == 0) {
            throw new TokenizerException("id " + id + " is not in the vocabulary of " + name
                    + " (valid ids are 0.." + (vocabularySize - 1) + ")");
        }
        return bytes;
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return defaultSpecialTokens;
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return specials;
    }

    @Override
    public boolean isSpecial(int id) {
        return specialText.containsKey(id);
    }

    @Override
    public OptionalInt bosId() {
        return bos;
    }

    @Override
    public OptionalInt eosId() {
        return eos;
    }

    @Override
    public String toString() {
        return "JTokkitTokenizer[" + name + "]";
    }
}
