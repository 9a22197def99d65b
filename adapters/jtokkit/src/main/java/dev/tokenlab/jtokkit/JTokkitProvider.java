package dev.tokenlab.jtokkit;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.GptBytePairEncodingParams;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.spi.TokenizerProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code jtokkit} engine: OpenAI's encodings as JTokkit ships them, and Llama 3 registered in
 * JTokkit as a custom encoding ({@link GptBytePairEncodingParams}) from core's bundled ranks, with
 * Meta's pattern compiled by {@code java.util.regex}. The special tokens, BOS and EOS are core's (read
 * through the public API); the pattern is declared here, from Meta's {@code tokenizer.py}, so this
 * reference does not inherit core's.
 */
public final class JTokkitProvider implements TokenizerProvider {
    /** Meta's Llama 3 pre-tokenizer pattern, as its {@code tokenizer.py} writes it. */
    static final String LLAMA3_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final Map<String, EncodingType> BUILT_IN = Map.of(
            "cl100k_base", EncodingType.CL100K_BASE,
            "o200k_base", EncodingType.O200K_BASE,
            "p50k_base", EncodingType.P50K_BASE,
            "r50k_base", EncodingType.R50K_BASE);

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    @Override
    public String engine() {
        return "jtokkit";
    }

    @Override
    public String description() {
        return ("JTokkit " + version()).trim() + " (com.knuddels:jtokkit), pure Java";
    }

    @Override
    public List<String> names() {
        return List.of("llama3", "cl100k_base", "o200k_base", "p50k_base", "r50k_base");
    }

    @Override
    public Tokenizer open(String name, TokenizerOptions options) {
        if (!names().contains(name)) {
            throw new TokenizerNotFoundException("model for the jtokkit engine", name, names());
        }
        if (options.metaSplit()) {
            throw new TokenizerException("Meta's long-run split is for tiktoken-style tokenizers on the core engine,"
                    + " not for the jtokkit engine");
        }
        Tokenizer core = Tokenizers.get(name);
        Encoding encoding;
        EncodingType type = BUILT_IN.get(name);
        if (type != null) {
            encoding = REGISTRY.getEncoding(type);
        } else if (name.equals("llama3")) {
            encoding = llama3(core);
        } else {
            throw new TokenizerNotFoundException("model for the jtokkit engine", name, names());
        }
        return new JTokkitTokenizer(name, encoding, core.specialTokens(), core.vocabularySize(), core.bosId(), core.eosId(),
                options.specialTokens());
    }

    /** Llama 3 as a JTokkit custom encoding: core's ordinary tokens as ranks, Meta's pattern, core's specials. */
    private static synchronized Encoding llama3(Tokenizer core) {
        String name = "tokenlab-llama3";
        return REGISTRY.getEncoding(name).orElseGet(() -> {
            Map<byte[], Integer> ranks = new HashMap<>(core.vocabularySize() * 2);
            for (int id = 0; id < core.vocabularySize(); id++) {
                if (!core.isSpecial(id)) {
                    ranks.put(core.tokenBytes(id), id);
                }
            }
            Pattern pattern = Pattern.compile(LLAMA3_PATTERN, Pattern.UNICODE_CHARACTER_CLASS);
            REGISTRY.registerGptBytePairEncoding(new GptBytePairEncodingParams(name, pattern, ranks, core.specialTokens()));
            return REGISTRY.getEncoding(name).orElseThrow();
        });
    }

    private static String version() {
        try (java.io.InputStream in = JTokkitProvider.class.getResourceAsStream("jtokkit.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("jtokkit.version", "");
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
