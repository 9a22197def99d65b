package dev.tokenlab.hf;

import dev.tokenlab.Decoded;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerDescription;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.hf.decoders.ByteLevelDecoder;
import dev.tokenlab.hf.models.Bpe;
import dev.tokenlab.hf.models.Unigram;
import dev.tokenlab.hf.pipeline.ByteLevelAlphabet;
import dev.tokenlab.hf.pipeline.Decoder;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.pipeline.PostProcessor;
import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.internal.IntBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code tokenizer.json} in pure Java, encoding as the Rust {@code tokenizers} library
 * does: added tokens cut out of the raw text (special ones under the caller's {@link SpecialTokens}
 * policy), each stretch between them normalized on its own, normalized added tokens cut out of that,
 * the rest pre-tokenized and tokenized by the model; with {@code add_special_tokens} the
 * post-processor's ids around it. Offsets are UTF-16 offsets into the caller's string, traced back
 * through normalization.
 *
 * <p>Decoding follows the model's decoder chain; every token, added and special ones included, goes
 * through it, as in the Rust library. Immutable and thread-safe.
 */
public final class HfTokenizer implements Tokenizer {
    private final Parts parts;
    private final SpecialTokens defaultSpecialTokens;
    private final boolean addSpecialTokens;

    /** What a {@code tokenizer.json} declares, built. */
    record Parts(String name, Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor post, Decoder decoder,
                 AddedTokenMatcher rawAdded, AddedTokenMatcher normalizedAdded, Map<Integer, String> addedById,
                 Map<String, Integer> specials, int vocabularySize, OptionalInt bos, OptionalInt eos, TokenizerConfig config,
                 TokenizerDescription description, DirectByteLevel direct, boolean directIfNfc) {
    }

    HfTokenizer(Parts parts, TokenizerOptions options) {
        if (options.metaSplit()) {
            throw new TokenizerException("Meta's long-run split is for tiktoken-style tokenizers (llama3, cl100k_base …), not "
                    + parts.name() + ", a tokenizer.json");
        }
        this.parts = parts;
        this.defaultSpecialTokens = options.specialTokens();
        this.addSpecialTokens = options.addSpecialTokens();
    }

    @Override
    public String name() {
        return parts.name();
    }

    @Override
    public int vocabularySize() {
        return parts.vocabularySize();
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return defaultSpecialTokens;
    }

    /** The model's own configuration: context length, chat template, special-token names (may be empty). */
    public TokenizerConfig config() {
        return parts.config();
    }

    @Override
    public TokenizerDescription describe() {
        return parts.description();
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        encode(text, policy, sink, null, null);
    }

    /** The ids, without mapping the fast path's tokens to UTF-16 offsets, which nobody reads here. */
    @Override
    public int[] encode(String text, SpecialTokens policy) {
        IntBuffer ids = new IntBuffer(Math.max(16, text.length() / 3));
        TokenSink collect = (id, start, end) -> {
            ids.add(id);
            return true;
        };
        encode(text, policy, collect, null, null, parts.direct() == null ? null : parts.direct().idsCall(ids));
        return ids.toArray();
    }

    /** Counts without mapping the fast path's tokens to UTF-16 offsets, which nobody reads here. */
    @Override
    public int count(String text, SpecialTokens policy) {
        int[] others = {0};
        TokenSink counter = (id, start, end) -> {
            others[0]++;
            return true;
        };
        if (parts.direct() == null) {
            encode(text, policy, counter, null, null);
            return others[0];
        }
        DirectByteLevel.Call direct = parts.direct().countingCall();
        encode(text, policy, counter, null, null, direct);
        return others[0] + direct.counted();
    }

    /**
     * What the teaching views ({@code dev.tokenlab.explain}) see of one {@link #tokenize}: the tokens that
     * do not come from the model, the normalized text, and each pre-token on its way to the model, which
     * the observer tokenizes itself (tracing it) in place of the model.
     */
    public interface Observer {
        /** A stretch of the input between raw added tokens, after the normalizer (normalized added tokens still in it). */
        void normalized(NormalizedString stretch);

        /**
         * An added token found in the text: its id and the UTF-16 range of the input it takes (stripped
         * whitespace included).
         *
         * @param normalized whether it was found in the normalized text (inside the last stretch told to
         *                   {@link #normalized}) rather than in the raw input
         */
        void added(int id, int start, int end, boolean normalized);

        /** A token the post-processor adds ({@code addSpecialTokens}), at UTF-16 offset {@code at} (0 or the text's end). */
        void processor(int id, int at);

        /**
         * One non-empty pre-token for the model: tokenize it as {@code model.tokenize(piece, out)} would,
         * passing the same tokens to {@code out}.
         */
        boolean model(NormalizedString piece, Model model, Model.TokenOut out);
    }

    /**
     * {@link #tokenize(String, SpecialTokens)} with {@code observer} told each step and tokenizing the
     * model's pieces; always the general path (the fast path gives the same tokens, without the steps).
     * For the teaching views: the result is {@code tokenize}'s exactly when the observer's tokens are the
     * model's.
     */
    public List<TokenSpan> tokenize(String text, SpecialTokens policy, Observer observer) {
        return spans(text, policy, observer);
    }

    /** The model: BPE, WordPiece, Unigram or WordLevel (for the teaching views). */
    public Model model() {
        return parts.model();
    }

    /**
     * Encodes; with {@code values}, also collects each token's value as the Rust library holds it (the
     * matched text of an added token, stripped whitespace included; a model token's spelling, an unknown
     * Unigram piece's text), {@code null} for the post-processor's tokens, for offset trimming.
     */
    private void encode(CharSequence text, SpecialTokens policy, TokenSink sink, List<String> values, Observer observer) {
        DirectByteLevel.Call direct = parts.direct() == null || values != null || observer != null ? null : parts.direct().call(sink);
        encode(text, policy, sink, values, observer, direct);
    }

    private void encode(CharSequence text, SpecialTokens policy, TokenSink sink, List<String> values, Observer observer,
                        DirectByteLevel.Call direct) {
        int length = text.length();
        if (addSpecialTokens) {
            for (int id : parts.post().prefix()) {
                if (values != null) {
                    values.add(null);
                }
                if (observer != null) {
                    observer.processor(id, 0);
                }
                if (!sink.accept(id, 0, 0)) {
                    return;
                }
            }
        }
        List<int[]> added = new ArrayList<>();
        parts.rawAdded().find(text, 0, length, policy, (token, start, end) -> added.add(new int[] {token.id(), start, end}));
        int cursor = 0;
        for (int[] a : added) {
            if (!ordinary(text, cursor, a[1], policy, sink, direct, values, observer)) {
                return;
            }
            if (values != null) {
                values.add(text.subSequence(a[1], a[2]).toString());
            }
            if (observer != null) {
                observer.added(a[0], a[1], a[2], false);
            }
            if (!sink.accept(a[0], a[1], a[2])) {
                return;
            }
            cursor = a[2];
        }
        if (!ordinary(text, cursor, length, policy, sink, direct, values, observer)) {
            return;
        }
        if (addSpecialTokens) {
            for (int id : parts.post().suffix()) {
                if (values != null) {
                    values.add(null);
                }
                if (observer != null) {
                    observer.processor(id, length);
                }
                if (!sink.accept(id, length, length)) {
                    return;
                }
            }
        }
    }

    /**
     * The spans, with the offsets trimmed as the post-processor says ({@code trim_offsets} of a ByteLevel
     * or RoBERTa processor: a token's leading and trailing {@code Ġ} or whitespace characters are left
     * out of its range). Ids are never changed.
     */
    @Override
    public List<TokenSpan> tokenize(String text, SpecialTokens policy) {
        return spans(text, policy, null);
    }

    private List<TokenSpan> spans(String text, SpecialTokens policy, Observer observer) {
        if (!parts.post().trimOffsets()) {
            if (observer == null) {
                return Tokenizer.super.tokenize(text, policy);
            }
            List<TokenSpan> spans = new ArrayList<>();
            encode(text, policy, (id, start, end) -> spans.add(new TokenSpan(id, tokenBytes(id), start, end, isSpecial(id))), null,
                    observer);
            return spans;
        }
        List<int[]> tokens = new ArrayList<>();
        List<String> values = new ArrayList<>();
        encode(text, policy, (id, start, end) -> tokens.add(new int[] {id, start, end}), values, observer);
        List<TokenSpan> spans = new ArrayList<>(tokens.size());
        int index = 0;
        for (int k = 0; k < tokens.size(); k++) {
            int[] t = tokens.get(k);
            String value = values.get(k);
            int start = t[1];
            int end = t[2];
            if (value != null) {
                int[] trimmed = trim(text, start, end, value, index == 0 || start == 0, parts.post().keepFirstSpace());
                start = trimmed[0];
                end = trimmed[1];
                index++;
            }
            spans.add(new TokenSpan(t[0], tokenBytes(t[0]), start, end, isSpecial(t[0])));
        }
        return spans;
    }

    /**
     * The Rust {@code process_offsets}: counts the value's leading and trailing {@code Ġ} or whitespace
     * characters; the start moves right by the leading count (not past the end), except for a first token
     * with exactly one when {@code addPrefixSpace}; the end moves left by the trailing count (not before the
     * start, and not when it is fewer characters from the text's start than that). Counts are code points.
     */
    static int[] trim(String text, int start, int end, String value, boolean first, boolean addPrefixSpace) {
        int[] cps = value.codePoints().toArray();
        int leading = 0;
        while (leading < cps.length && isSpace(cps[leading])) {
            leading++;
        }
        int trailing = 0;
        while (trailing < cps.length && isSpace(cps[cps.length - 1 - trailing])) {
            trailing++;
        }
        if (leading > 0 && !(first && addPrefixSpace && leading == 1)) {
            for (int k = 0; k < leading && start < end; k++) {
                start += Character.charCount(text.codePointAt(start));
            }
        }
        if (trailing > 0 && text.codePointCount(0, end) >= trailing) {
            for (int k = 0; k < trailing && end > start; k++) {
                end -= Character.charCount(text.codePointBefore(end));
            }
        }
        return new int[] {start, end};
    }

    private static boolean isSpace(int cp) {
        return cp == 'Ġ' || dev.tokenlab.pretokenize.UnicodeCategories.isWhiteSpace(cp);
    }

    /** A stretch between raw added tokens: normalize, cut normalized added tokens, pre-tokenize, tokenize. */
    private boolean ordinary(CharSequence text, int from, int to, SpecialTokens policy, TokenSink sink, DirectByteLevel.Call direct,
                             List<String> values, Observer observer) {
        if (from >= to) {
            return true;
        }
        if (direct != null && (!parts.directIfNfc() || isNfc(text, from, to))) {
            return parts.normalizedAdded().isEmpty() ? parts.direct().encode(text, from, to, direct)
                    : directAroundAdded(text, from, to, policy, sink, direct);
        }
        if (observer != null && parts.direct() != null && parts.normalizedAdded().isEmpty()
                && (!parts.directIfNfc() || isNfc(text, from, to))) {
            // the fast path's pieces (core's scanners), each through the general model step, for the observer
            observer.normalized(NormalizedString.of(text, from, to));
            return parts.direct().pieces(text, from, to, (start, end) -> model(NormalizedString.of(text, start, end), sink, values, observer));
        }
        NormalizedString normalized = NormalizedString.of(text, from, to);
        if (parts.normalizer() != null) {
            normalized = parts.normalizer().normalize(normalized);
        }
        if (observer != null) {
            observer.normalized(normalized);
        }
        if (parts.normalizedAdded().isEmpty()) {
            return preTokenize(normalized, sink, values, observer);
        }
        String s = normalized.toString();
        List<int[]> added = new ArrayList<>();
        parts.normalizedAdded().find(s, 0, s.length(), policy, (token, start, end) -> added.add(new int[] {token.id(), start, end}));
        // a stripping token's span can reach over the start of the next match, as in the Rust library:
        // positions come from the UTF-16 ones each on its own, and only the gaps are pre-tokenized
        int cursor = 0;
        int utf16 = 0;
        int codePoints = 0;
        for (int[] a : added) {
            int start = codePoints + s.codePointCount(utf16, a[1]);
            int end = start + s.codePointCount(a[1], a[2]);
            if (start > cursor && !preTokenize(normalized.slice(cursor, start), sink, values, observer)) {
                return false;
            }
            if (start < end) {
                if (values != null) {
                    values.add(s.substring(a[1], a[2]));
                }
                if (observer != null) {
                    observer.added(a[0], normalized.originalStart(start), normalized.originalEnd(end - 1), true);
                }
                if (!sink.accept(a[0], normalized.originalStart(start), normalized.originalEnd(end - 1))) {
                    return false;
                }
            }
            cursor = Math.max(cursor, end);
            utf16 = a[1];
            codePoints = start;
        }
        return preTokenize(normalized.slice(cursor, normalized.length()), sink, values, observer);
    }

    /**
     * The direct path where normalizing leaves the text as it is, so normalized added tokens are found in
     * the text itself: the gaps between them go the direct way, the tokens are emitted with their spans
     * (which a stripping token may stretch over the start of the next, as in the general pass).
     */
    private boolean directAroundAdded(CharSequence text, int from, int to, SpecialTokens policy, TokenSink sink,
                                      DirectByteLevel.Call direct) {
        List<int[]> added = new ArrayList<>();
        parts.normalizedAdded().find(text, from, to, policy, (token, start, end) -> added.add(new int[] {token.id(), start, end}));
        int cursor = from;
        for (int[] a : added) {
            if (a[1] > cursor && !parts.direct().encode(text, cursor, a[1], direct)) {
                return false;
            }
            if (a[1] < a[2] && !sink.accept(a[0], a[1], a[2])) {
                return false;
            }
            cursor = Math.max(cursor, a[2]);
        }
        return cursor >= to || parts.direct().encode(text, cursor, to, direct);
    }

    /**
     * Whether NFC leaves {@code text[from, to)} as it is: text below U+0300 always is (no combining
     * marks, no composed forms to build); other text is asked of the JDK's quick check.
     */
    private static boolean isNfc(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) >= 0x300) {
                return java.text.Normalizer.isNormalized(text.subSequence(from, to), java.text.Normalizer.Form.NFC);
            }
        }
        return true;
    }

    private boolean preTokenize(NormalizedString text, TokenSink sink, List<String> values, Observer observer) {
        if (text.isEmpty()) {
            return true;
        }
        if (parts.preTokenizer() == null) {
            return model(text, sink, values, observer);
        }
        boolean[] going = {true};
        parts.preTokenizer().split(text, piece -> {
            if (going[0] && !piece.isEmpty()) {
                going[0] = model(piece, sink, values, observer);
            }
        });
        return going[0];
    }

    private boolean model(NormalizedString piece, TokenSink sink, List<String> values, Observer observer) {
        Model.TokenOut out = (id, start, end) -> {
            if (values != null) {
                values.add(parts.model() instanceof Unigram u && id == u.unkId() ? piece.slice(start, end).toString() : parts.model().token(id));
            }
            int from = start < piece.length() ? piece.originalStart(start) : piece.originalEnd(piece.length() - 1);
            return sink.accept(id, from, end > start ? piece.originalEnd(end - 1) : from);
        };
        return observer == null ? parts.model().tokenize(piece, out) : observer.model(piece, parts.model(), out);
    }

    @Override
    public byte[] tokenBytes(int id) {
        String added = parts.addedById().get(id);
        if (added != null) {
            return added.getBytes(StandardCharsets.UTF_8);
        }
        String spelling = spelling(id);
        if (parts.model() instanceof Bpe bpe && bpe.byteLevel()) {
            return bpe.tokenBytes(id);
        }
        int b = byteFallbackByte(id);
        if (b >= 0) {
            return new byte[] {(byte) b}; // a <0xNN> piece stands for its one byte, whatever the decoder makes of it alone
        }
        return decodeSpellings(List.of(spelling), false).getBytes(StandardCharsets.UTF_8);
    }

    /** The byte a byte-fallback piece ({@code <0xNN>}) stands for, or -1 if {@code id} is not one. */
    private int byteFallbackByte(int id) {
        for (int b = 0; b < 256; b++) {
            int fallback = parts.model() instanceof Bpe bpe ? bpe.byteFallbackId(b)
                    : parts.model() instanceof Unigram u ? u.byteFallbackId(b) : -1;
            if (fallback == id) {
                return b;
            }
        }
        return -1;
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        List<String> spellings = spellings(ids);
        if (parts.decoder() instanceof ByteLevelDecoder) {
            return ByteLevelDecoder.bytes(spellings);
        }
        return decodeSpellings(spellings, true).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Decoded decodeChecked(int[] ids) {
        List<String> spellings = spellings(ids);
        if (parts.decoder() instanceof ByteLevelDecoder) {
            return Decoded.of(ByteLevelDecoder.bytes(spellings));
        }
        String text = decodeSpellings(spellings, true);
        int introduced = count(text, '\uFFFD') - spellings.stream().mapToInt(s -> count(s, '\uFFFD')).sum();
        return new Decoded(text, introduced <= 0, Math.max(0, introduced));
    }

    @Override
    public String decode(int[] ids) {
        return decodeChecked(ids).text();
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    private List<String> spellings(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(spelling(id));
        }
        return out;
    }

    /** The string the decoder sees for {@code id}: an added token's content, else the vocabulary's spelling. */
    private String spelling(int id) {
        String added = parts.addedById().get(id);
        if (added != null) {
            return added;
        }
        String s = parts.model().token(id);
        if (s == null) {
            throw new TokenizerException("id " + id + " is not in the vocabulary of " + name() + " (valid ids are 0.."
                    + (vocabularySize() - 1) + ")");
        }
        return s;
    }

    /** The decoder chain over spellings (joined by spaces when the file has no decoder). */
    private String decodeSpellings(List<String> spellings, boolean whole) {
        if (parts.decoder() == null) {
            return String.join(" ", spellings);
        }
        if (!whole && parts.decoder() instanceof ByteLevelDecoder) {
            byte[] b = ByteLevelAlphabet.bytesOf(spellings.get(0));
            return b == null ? spellings.get(0) : new String(b, StandardCharsets.UTF_8);
        }
        return String.join("", parts.decoder().decode(spellings));
    }

    /** The vocabulary's spelling of a token ({@code ▁Hello}, {@code ##ing}, {@code <0x0A>}); empty for byte-level models. */
    @Override
    public Optional<String> piece(int id) {
        if (parts.model() instanceof Bpe bpe && bpe.byteLevel() && !parts.addedById().containsKey(id)) {
            return Optional.empty();
        }
        String added = parts.addedById().get(id);
        return Optional.ofNullable(added != null ? added : parts.model().token(id));
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return Collections.unmodifiableMap(parts.specials());
    }

    @Override
    public boolean isSpecial(int id) {
        String added = parts.addedById().get(id);
        return added != null && parts.specials().containsKey(added);
    }

    @Override
    public OptionalInt bosId() {
        return parts.bos();
    }

    @Override
    public OptionalInt eosId() {
        return parts.eos();
    }

    /** This tokenizer with {@code options}' policy and special-token adding; everything else shared. */
    HfTokenizer withOptions(TokenizerOptions options) {
        return new HfTokenizer(parts, options);
    }

    @Override
    public String toString() {
        return "HfTokenizer[" + name() + "]";
    }
}
