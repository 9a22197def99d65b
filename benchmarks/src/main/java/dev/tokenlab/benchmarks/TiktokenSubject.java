package dev.tokenlab.benchmarks;

import com.knuddels.jtokkit.api.Encoding;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.jtokkit.JTokkitTokenizer;

/**
 * What a tiktoken-style benchmark measures: core's tokenizer, or JTokkit's own {@link Encoding}
 * called directly (not through the adapter), so that JTokkit's numbers are JTokkit's.
 */
final class TiktokenSubject {
    private final Tokenizer core;
    private final Encoding jtokkit;

    TiktokenSubject(String model, String engine) {
        if (engine.equals("core")) {
            core = Tokenizers.get(model);
            jtokkit = null;
        } else {
            core = null;
            jtokkit = ((JTokkitTokenizer) Tokenizers.get(model, TokenizerOptions.defaults().engine("jtokkit"))).encoding();
        }
    }

    Object encode(String text) {
        return core != null ? core.encode(text) : jtokkit.encodeOrdinary(text);
    }

    int count(String text) {
        return core != null ? core.count(text) : jtokkit.countTokensOrdinary(text);
    }
}
