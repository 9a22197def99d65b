package dev.tokenlab.hf;

import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.PostProcessor;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds the {@code post_processor} of a {@code tokenizer.json} for one sequence. */
final class Processors {
    private Processors() {
    }

    static PostProcessor processor(JsonObject p, Map<String, Integer> added, Model model) {
        String type = Components.type(p);
        return switch (type) {
            case "TemplateProcessing" -> template(p);
            case "BertProcessing" -> new PostProcessor(new int[] {pairId(p, "cls")}, new int[] {pairId(p, "sep")}, false, false);
            // missing options are false (serde's bool default): a file without trim_offsets trims nothing
            case "RobertaProcessing" -> new PostProcessor(new int[] {pairId(p, "cls")}, new int[] {pairId(p, "sep")},
                    p.bool("trim_offsets", false), p.bool("add_prefix_space", false));
            case "ByteLevel" -> {
                p.bool("add_prefix_space");
                yield new PostProcessor(new int[0], new int[0], p.bool("trim_offsets"), p.bool("add_prefix_space"));
            }
            case "Sequence" -> {
                JsonArray list = p.array("processors");
                List<int[]> prefixes = new ArrayList<>();
                List<int[]> suffixes = new ArrayList<>();
                boolean trim = false;
                boolean keepFirst = false;
                for (int i = 0; i < list.size(); i++) {
                    PostProcessor step = processor(list.object(i), added, model);
                    prefixes.add(0, step.prefix());
                    suffixes.add(step.suffix());
                    trim |= step.trimOffsets();
                    keepFirst |= step.keepFirstSpace();
                }
                yield new PostProcessor(concat(prefixes), concat(suffixes), trim, keepFirst);
            }
            default -> throw p.error("type", "unknown post-processor \"" + type + "\"");
        };
    }

    /** {@code single}: the special tokens before {@code $A} and after it. */
    private static PostProcessor template(JsonObject p) {
        JsonArray single = p.array("single");
        p.array("pair");
        JsonObject specials = p.object("special_tokens");
        List<Integer> prefix = new ArrayList<>();
        List<Integer> suffix = new ArrayList<>();
        boolean seenSequence = false;
        for (int i = 0; i < single.size(); i++) {
            JsonObject piece = single.object(i);
            if (piece.has("Sequence")) {
                String id = piece.object("Sequence").string("id");
                if (!id.equals("A")) {
                    throw piece.object("Sequence").error("id", "a single-sequence template can only hold $A, found $" + id);
                }
                seenSequence = true;
                continue;
            }
            String name = piece.object("SpecialToken").string("id");
            JsonObject special = specials.optionalObject(name)
                    .orElseThrow(() -> specials.error(name, "the template uses special token " + name + ", which special_tokens does not define"));
            JsonArray ids = special.array("ids");
            for (int k = 0; k < ids.size(); k++) {
                (seenSequence ? suffix : prefix).add(ids.integer(k));
            }
        }
        return new PostProcessor(prefix.stream().mapToInt(Integer::intValue).toArray(), suffix.stream().mapToInt(Integer::intValue).toArray(),
                false, false);
    }

    private static int pairId(JsonObject p, String key) {
        JsonArray pair = p.array(key);
        if (pair.size() != 2) {
            throw p.error(key, "expected [token, id]");
        }
        return pair.integer(1);
    }

    private static int[] concat(List<int[]> parts) {
        int[] out = new int[0];
        for (int[] part : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + part.length);
            System.arraycopy(part, 0, out, at, part.length);
        }
        return out;
    }

    /** For people: what the processor adds around one text. */
    static String describe(PostProcessor post) {
        if (post.added() == 0) {
            return "nothing";
        }
        return Arrays.toString(post.prefix()) + " text " + Arrays.toString(post.suffix());
    }

}
