package dev.tokenlab.tiktoken;

import java.util.List;

import dev.tokenlab.TokenizerDescription;

import dev.tokenlab.ModelProfiles;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.bpe.BytePairMerger;
import dev.tokenlab.bpe.MergeBuffers;
import dev.tokenlab.bpe.MergeCache;
import dev.tokenlab.internal.IntBuffer;
import dev.tokenlab.internal.Utf8;
import dev.tokenlab.internal.Utf8Spans;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.spi.SpecialTokenSplitter;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A tiktoken-style tokenizer: special tokens cut out under a policy, a pre-tokenizer splitting the
 * rest into pieces, and byte-level BPE on each piece's UTF-8 bytes. Llama 3 and the OpenAI
 * encodings are instances; users get one from {@link dev.tokenlab.Tokenizers}, with
 * {@link TokenizerOptions} for Meta's long-run split.
 *
 * <p>Lone UTF-16 surrogates are encoded as U+FFFD, as tiktoken does. Immutable and thread-safe.
 */
public final class TiktokenTokenizer implements Tokenizer {
    private final TiktokenSpec spec;
    private final ByteVocabulary vocab;
    private final BytePairMerger merger;
    private final MergeCache mergeCache;
    private final PreTokenizer preTokenizer;
    private final Map<String, Integer> specials;
    private final Map<Integer, byte[]> specialBytes;
    private final SpecialTokenSplitter splitter;
    private final int vocabularySize;
    private final boolean metaSplit;
    private final SpecialTokens defaultSpecialTokens;
    /** The id put before every text when special tokens are added (the BOS, as Hugging Face's Llama 3 adds it), or -1. */
    private final int addedBos;

    TiktokenTokenizer(TiktokenSpec spec, ByteVocabulary vocab) {
        this(spec, vocab, false, SpecialTokens.asText(), false);
    }

    private TiktokenTokenizer(TiktokenSpec spec, ByteVocabulary vocab, boolean metaSplit, SpecialTokens defaultSpecialTokens,
                              boolean addSpecialTokens) {
        this.spec = spec;
        this.vocab = vocab;
        this.merger = new BytePairMerger(vocab);
        this.mergeCache = new MergeCache(merger);
        this.preTokenizer = spec.preTokenizer();
        this.specials = Collections.unmodifiableMap(new LinkedHashMap<>(spec.specialTokens()));
        Map<Integer, byte[]> bytes = new HashMap<>();
        int size = vocab.size();
        for (Map.Entry<String, Integer> e : specials.entrySet()) {
            int id = e.getValue();
            if (vocab.contains(id)) {
                throw new IllegalArgumentException(spec.name() + ": special token " + e.getKey() + " reuses ordinary id " + id);
            }
            bytes.put(id, e.getKey().getBytes(StandardCharsets.UTF_8));
            size = Math.max(size, id + 1);
        }
        this.specialBytes = bytes;
        this.splitter = new SpecialTokenSplitter(specials);
        this.vocabularySize = size;
        this.metaSplit = metaSplit;
        this.defaultSpecialTokens = defaultSpecialTokens;
        this.addedBos = addSpecialTokens && spec.bos() != null ? specials.get(spec.bos()) : -1;
    }

    /** The declaration this tokenizer was built from: name, pattern, specials, provenance. */
    public TiktokenSpec spec() {
        return spec;
    }

    /** The ordinary (non-special) vocabulary. */
    public ByteVocabulary vocabulary() {
        return vocab;
    }

    /** The pre-tokenizer that splits text into pieces. */
    public PreTokenizer preTokenizer() {
        return preTokenizer;
    }

    /** Whether Meta's long-run split is on (see {@link TokenizerOptions#metaSplit(boolean)}). */
    public boolean metaSplit() {
        return metaSplit;
    }

    /**
     * This tokenizer with {@code options}' long-run split, default special-token policy and added BOS
     * ({@code addSpecialTokens}: Llama 3's {@code <|begin_of_text|>}; the OpenAI encodings add nothing);
     * the vocabulary and its tables are shared.
     */
    public TiktokenTokenizer withOptions(TokenizerOptions options) {
        boolean addsBos = options.addSpecialTokens() && spec.bos() != null;
        if (options.metaSplit() == metaSplit && options.specialTokens().equals(defaultSpecialTokens) && addsBos == addedBos >= 0) {
            return this;
        }
        return new TiktokenTokenizer(spec, vocab, options.metaSplit(), options.specialTokens(), options.addSpecialTokens());
    }

    @Override
    public TokenizerDescription describe() {
        List<TokenizerDescription.Stage> stages = List.of(
                new TokenizerDescription.Stage("special tokens", specials.size() + ", text unless allowed"),
                new TokenizerDescription.Stage("pre-tokenizer", preTokenizer.pattern() + (metaSplit ? " (with Meta's long-run split)" : "")),
                new TokenizerDescription.Stage("model", String.format("byte-level BPE, tiktoken's rule, %,d ranks", vocab.size())));
        Map<String, String> names = new LinkedHashMap<>();
        if (spec.bos() != null) {
            names.put("bos_token", spec.bos());
        }
        if (spec.eos() != null) {
            names.put("eos_token", spec.eos());
        }
        return new TokenizerDescription(spec.source(), stages, ModelProfiles.find(spec.name())
                .map(p -> OptionalInt.of(p.contextWindow())).orElse(OptionalInt.empty()), OptionalInt.empty(), Map.of(), names, List.of());
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return defaultSpecialTokens;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return specials;
    }

    @Override
    public boolean isSpecial(int id) {
        return specialBytes.containsKey(id);
    }

    @Override
    public OptionalInt bosId() {
        return spec.bos() == null ? OptionalInt.empty() : OptionalInt.of(specials.get(spec.bos()));
    }

    @Override
    public OptionalInt eosId() {
        return spec.eos() == null ? OptionalInt.empty() : OptionalInt.of(specials.get(spec.eos()));
    }

    @Override
    public byte[] tokenBytes(int id) {
        if (vocab.contains(id)) {
            return vocab.tokenBytes(id);
        }
        byte[] special = specialBytes.get(id);
        if (special == null) {
            throw unknownId(id);
        }
        return special.clone();
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        int total = 0;
        for (int id : ids) {
            if (vocab.contains(id)) {
                total += vocab.tokenLength(id);
            } else if (specialBytes.containsKey(id)) {
                total += specialBytes.get(id).length;
            } else {
                throw unknownId(id);
            }
        }
        byte[] out = new byte[total];
        int p = 0;
        for (int id : ids) {
            if (vocab.contains(id)) {
                p = vocab.copyTokenBytes(id, out, p);
            } else {
                byte[] s = specialBytes.get(id);
                System.arraycopy(s, 0, out, p, s.length);
                p += s.length;
            }
        }
        return out;
    }

    private TokenizerException unknownId(int id) {
        return new TokenizerException("id " + id + " is not in the vocabulary of " + name()
                + " (valid ids are 0.." + (vocabularySize - 1) + ")");
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        run(text, policy, new Emitter(sink, true));
    }

    @Override
    public int[] encode(String text, SpecialTokens policy) {
        IntBuffer ids = new IntBuffer(Math.max(16, text.length() / 4));
        run(text, policy, new Emitter((id, s, e) -> {
            ids.add(id);
            return true;
        }, false));
        return ids.toArray();
    }

    @Override
    public int count(String text, SpecialTokens policy) {
        Emitter counter = new Emitter(null, false);
        run(text, policy, counter);
        return counter.count;
    }

    private void run(CharSequence text, SpecialTokens policy, Emitter em) {
        int length = text.length();
        if (addedBos >= 0 && !em.emit(addedBos, 0, 0)) {
            return;
        }
        if (!metaSplit) {
            encodeWithSpecials(text, 0, length, policy, em);
            return;
        }
        splitter.checkDisallowed(text, 0, length, policy); // the leftmost in the whole text, before any part is encoded
        IntBuffer cuts = MetaLongRunSplit.boundaries(text, 0, length);
        for (int k = 0; k + 1 < cuts.size(); k++) {
            if (!encodeWithSpecials(text, cuts.get(k), cuts.get(k + 1), policy, em)) {
                return;
            }
        }
    }

    private boolean encodeWithSpecials(CharSequence text, int from, int to, SpecialTokens policy, Emitter em) {
        return splitter.split(text, from, to, policy, em,
                (start, end) -> preTokenizer.split(text, start, end, (s, e) -> encodePiece(text, s, e, em)));
    }

    private boolean encodePiece(CharSequence text, int start, int end, Emitter em) {
        byte[] buf = em.bytes(bufferSize(text, start, end));
        int n = Utf8.encode(text, start, end, buf, 0);
        int rank = vocab.rank(buf, 0, n);
        if (rank >= 0) {
            return em.emit(rank, start, end);
        }
        MergeBuffers merged = em.merge;
        int count = mergeCache.merge(buf, 0, n, merged);
        int[] ranks = merged.ranks();
        int[] starts = merged.starts();
        if (!em.wantsOffsets) {
            for (int k = 0; k < count; k++) {
                if (!em.emit(ranks[k], start, end)) {
                    return false;
                }
            }
            return true;
        }
        return Utf8Spans.map(text, start, end, n, ranks, starts, count, em);
    }

    /** Bytes enough for the UTF-8 of {@code text[start, end)} and the read padding: 3 per char, or exactly for a huge piece. */
    public static int bufferSize(CharSequence text, int start, int end) {
        int length = end - start;
        if (length <= (Integer.MAX_VALUE - 16) / 3) {
            return length * 3 + ByteVocabulary.READ_PADDING;
        }
        long exact = Utf8.encodedLength(text, start, end) + ByteVocabulary.READ_PADDING;
        if (exact > Integer.MAX_VALUE - 16) {
            throw new TokenizerException("one piece of the text is " + (exact - ByteVocabulary.READ_PADDING)
                    + " bytes of UTF-8, over the 2 GB one call can hold; encode the text in parts");
        }
        return (int) exact;
    }

    /**
     * Cuts where the pre-tokenizer's pieces cannot join across (see {@link PreTokenizer#lastSafeCut});
     * none under Meta's long-run split, whose chunking depends on absolute positions.
     */
    @Override
    public int lastSafeCut(CharSequence text, int from, int to) {
        return metaSplit ? -1 : preTokenizer.lastSafeCut(text, from, to);
    }

    @Override
    public String toString() {
        return "TiktokenTokenizer[" + name() + (metaSplit ? ", meta split" : "") + "]";
    }

    /** Per-call state: the sink, reusable buffers and a counter. */
    private static final class Emitter implements TokenSink, Utf8Spans.SpanSink {
        final TokenSink sink;
        final boolean wantsOffsets;
        final MergeBuffers merge = new MergeBuffers();
        byte[] buffer = new byte[256];
        int count;

        Emitter(TokenSink sink, boolean wantsOffsets) {
            this.sink = sink;
            this.wantsOffsets = wantsOffsets;
        }

        byte[] bytes(int capacity) {
            if (buffer.length < capacity) {
                buffer = new byte[Math.max(capacity, buffer.length * 2)];
            }
            return buffer;
        }

        boolean emit(int id, int start, int end) {
            count++;
            return sink == null || sink.accept(id, start, end);
        }

        @Override
        public boolean accept(int id, int start, int end) {
            return emit(id, start, end);
        }

        @Override
        public boolean span(int id, int charStart, int charEnd) {
            return emit(id, charStart, charEnd);
        }
    }
}
