package dev.tokenlab.jtokkit;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * Tokenizer ref = Tokenizers.get("llama3", "jtokkit");
 * ref.encode("unhappiness");   // [359, 71, 67391], as core
 * }</pre>
 */
public final class JTokkitTokenizer implements Tokenizer {
    private final String name;
    private final Encoding encoding;
    private final Map<String, Integer> specials;
    private final Map<Integer, String> specialText;
    private final int vocabularySize;
    private final Integer bos;
    private final Integer eos;

    JTokkitTokenizer(String name, Encoding encoding, Map<String, Integer> specials, int vocabularySize, Integer bos, Integer eos) {
        this.name = name;
        this.encoding = encoding;
        this.specials = Map.copyOf(specials);
        this.specialText = new java.util.HashMap<>();
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
        List<int[]> cuts = specialCuts(s, policy);
        int start = 0;
        for (int[] cut : cuts) {
            if (!encodeSegment(s, start, cut[0], sink)) {
                return;
            }
            if (!sink.accept(cut[2], cut[0], cut[1])) {
                return;
            }
            start = cut[1];
        }
        encodeSegment(s, start, s.length(), sink);
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

    /** Allowed special tokens as {start, end, id}, left to right; fails on a disallowed one. */
    private List<int[]> specialCuts(String s, SpecialTokens policy) {
        List<int[]> cuts = new ArrayList<>();
        if (policy.isAllText()) {
            return cuts;
        }
        int firstDisallowed = Integer.MAX_VALUE;
        String disallowed = null;
        for (String token : specials.keySet()) {
            if (policy.actionFor(token) == SpecialTokens.Action.DISALLOW) {
                int at = s.indexOf(token);
                if (at >= 0 && at < firstDisallowed) {
                    firstDisallowed = at;
                    disallowed = token;
                }
            }
        }
        if (disallowed != null) {
            throw new SpecialTokenException(disallowed, firstDisallowed);
        }
        int i = 0;
        while (i < s.length()) {
            int bestAt = -1;
            String best = null;
            for (String token : specials.keySet()) {
                if (policy.actionFor(token) != SpecialTokens.Action.ALLOW) {
                    continue;
                }
                int at = s.indexOf(token, i);
                if (at >= 0 && (bestAt < 0 || at < bestAt || (at == bestAt && token.length() > best.length()))) {
                    bestAt = at;
                    best = token;
                }
            }
            if (best == null) {
                break;
            }
            cuts.add(new int[] {bestAt, bestAt + best.length(), specials.get(best)});
            i = bestAt + best.length();
        }
        return cuts;
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
    public Map<String, Integer> specialTokens() {
        return specials;
    }

    @Override
    public boolean isSpecial(int id) {
        return specialText.containsKey(id);
    }

    @Override
    public OptionalInt bosId() {
        return bos == null ? OptionalInt.empty() : OptionalInt.of(bos);
    }

    @Override
    public OptionalInt eosId() {
        return eos == null ? OptionalInt.empty() : OptionalInt.of(eos);
    }

    @Override
    public String toString() {
        return "JTokkitTokenizer[" + name + "]";
    }
}
