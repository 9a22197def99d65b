package dev.tokenlab.jtokkit;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.GptBytePairEncodingParams;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerProvider;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.tiktoken.TiktokenEncodings;
import dev.tokenlab.tiktoken.TiktokenSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code jtokkit} engine: OpenAI's encodings as JTokkit ships them, and Llama 3 registered in
 * JTokkit as a custom encoding ({@link GptBytePairEncodingParams}) from core's bundled ranks, with
 * Meta's pattern compiled by {@code java.util.regex}.
 */
public final class JTokkitProvider implements dev.tokenlab.TokenizerProvider {
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
    public Tokenizer open(String name) {
        TiktokenSpec spec = TiktokenEncodings.byName(name)
                .orElseThrow(() -> new TokenizerNotFoundException("model for the jtokkit engine", name, names()));
        Encoding encoding;
        EncodingType type = BUILT_IN.get(name);
        if (type != null) {
            encoding = REGISTRY.getEncoding(type);
        } else if (name.equals("llama3")) {
            encoding = llama3();
        } else {
            throw new TokenizerNotFoundException("model for the jtokkit engine", name, names());
        }
        Map<String, Integer> specials = spec.specialTokens();
        return new JTokkitTokenizer(name, encoding, specials, spec.vocabularySize(),
                spec.bos() == null ? null : specials.get(spec.bos()), spec.eos() == null ? null : specials.get(spec.eos()));
    }

    private static synchronized Encoding llama3() {
        String name = "tokenlab-llama3";
        return REGISTRY.getEncoding(name).orElseGet(() -> {
            TiktokenSpec spec = TiktokenEncodings.LLAMA3;
            ByteVocabulary vocab = spec.ranks().get();
            Map<byte[], Integer> ranks = new HashMap<>(vocab.size() * 2);
            for (int r = 0; r < vocab.size(); r++) {
                ranks.put(vocab.tokenBytes(r), r);
            }
            Pattern pattern = Pattern.compile(spec.preTokenizer().pattern(), Pattern.UNICODE_CHARACTER_CLASS);
            REGISTRY.registerGptBytePairEncoding(new GptBytePairEncodingParams(name, pattern, ranks, spec.specialTokens()));
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
