package dev.tokenlab.hf;

import dev.tokenlab.bpe.RankedByteBpe;
import dev.tokenlab.hf.models.Bpe;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pretokenizers.ByteLevel;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonValue;
import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.DeepSeekPieces;
import dev.tokenlab.pretokenize.DeepSeekScanner;
import dev.tokenlab.pretokenize.O200kScanner;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.regex.RegexPreTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a {@code tokenizer.json} pipeline can run on {@link DirectByteLevel}, and builds it:
 * a byte-level BPE (no prefix, suffix or byte fallback) behind Isolated {@code Split}s and a final
 * ByteLevel without prefix space (or a ByteLevel that splits with GPT-2's pattern itself), where no Split
 * pattern may match the empty string (Hugging Face cuts at an empty match, the direct path does not). Patterns
 * core has a hand-written scanner for (Llama 3's, Qwen's, o200k's, DeepSeek V3's three) run on it; others on the
 * regex engine.
 */
final class DirectPaths {
    private DirectPaths() {
    }

    /** The direct path for this pre-tokenizer and model, if the pipeline allows one. */
    static Optional<DirectByteLevel> of(JsonValue preTokenizer, Model model) {
        if (!(model instanceof Bpe bpe) || !bpe.byteLevel() || !bpe.plainBytes() || !(preTokenizer instanceof JsonObject p)) {
            return Optional.empty();
        }
        List<PreTokenizer> splits = new ArrayList<>();
        String type = p.string("type");
        if (type.equals("ByteLevel")) {
            if (p.bool("add_prefix_space") || !p.bool("use_regex", true)) {
                return Optional.empty();
            }
            splits.add(scanner(ByteLevel.GPT2_PATTERN));
        } else if (type.equals("Sequence")) {
            JsonArray steps = p.array("pretokenizers");
            for (int i = 0; i < steps.size(); i++) {
                JsonObject step = steps.object(i);
                boolean last = i == steps.size() - 1;
                String t = step.string("type");
                if (last && t.equals("ByteLevel") && !step.bool("add_prefix_space") && !step.bool("use_regex", true)) {
                    continue;
                }
                if (last || !t.equals("Split") || !step.string("behavior").equals("Isolated") || step.bool("invert")
                        || !step.object("pattern").has("Regex")) {
                    return Optional.empty();
                }
                PreTokenizer split = scanner(step.object("pattern").string("Regex"));
                if (split instanceof RegexPreTokenizer regex && regex.mayMatchEmpty()) {
                    // Hugging Face cuts the text at an empty match; the direct path's pieces skip it
                    return Optional.empty();
                }
                splits.add(split);
            }
            if (!steps.object(steps.size() - 1).string("type").equals("ByteLevel")) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        if (splits.equals(List.of(DeepSeekScanner.DIGITS, DeepSeekScanner.CJK, DeepSeekScanner.WORDS))) {
            splits = List.of(DeepSeekPieces.INSTANCE);
        }
        RankedByteBpe encoder = bpe.rankedByteBpe();
        return encoder == null ? Optional.empty() : Optional.of(new DirectByteLevel(splits, encoder));
    }

    /** Core's scanner for a pattern it has one for, else the regex engine. */
    static PreTokenizer scanner(String pattern) {
        if (pattern.equals(Cl100kScanner.LLAMA3_PATTERN)) {
            return Cl100kScanner.LLAMA3;
        }
        if (pattern.equals(Cl100kScanner.QWEN_PATTERN)) {
            return Cl100kScanner.QWEN;
        }
        if (pattern.equals(O200kScanner.PATTERN)) {
            return O200kScanner.INSTANCE;
        }
        for (DeepSeekScanner deepSeek : List.of(DeepSeekScanner.DIGITS, DeepSeekScanner.CJK, DeepSeekScanner.WORDS)) {
            if (pattern.equals(deepSeek.pattern())) {
                return deepSeek;
            }
        }
        return new RegexPreTokenizer(pattern);
    }

}
