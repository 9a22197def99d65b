package dev.tokenlab.hf;

import dev.tokenlab.bpe.RankedMerges;
import dev.tokenlab.hf.models.Bpe;
import dev.tokenlab.hf.models.Unigram;
import dev.tokenlab.hf.models.WordLevel;
import dev.tokenlab.hf.models.WordPiece;
import dev.tokenlab.hf.pipeline.ByteLevelAlphabet;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonString;
import dev.tokenlab.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** Builds the {@code model} of a {@code tokenizer.json}, with the Rust library's required fields and errors. */
final class Models {
    /** Ids above this are refused: no real vocabulary comes near. */
    static final int MAX_ID = 1 << 24;

    private Models() {
    }

    /** The model's type: its {@code type}, or without one what its fields make it (as serde's untagged enum decides). */
    static String type(JsonObject m) {
        return m.optionalString("type").orElseGet(() -> m.has("merges") ? "BPE"
                : m.has("max_input_chars_per_word") ? "WordPiece"
                : m.get("vocab").orElse(null) instanceof JsonArray || m.has("unk_id") ? "Unigram" : "WordLevel");
    }

    static Model model(JsonObject m, boolean byteLevel) {
        String type = type(m);
        return switch (type) {
            case "BPE" -> bpe(m, byteLevel);
            case "WordPiece" -> wordPiece(m);
            case "Unigram" -> unigram(m);
            case "WordLevel" -> wordLevel(m);
            default -> throw m.error("type", "expected BPE, WordPiece, Unigram or WordLevel, found \"" + type + "\"");
        };
    }

    /** The vocabulary object as spellings by id. */
    static String[] spellings(JsonObject m) {
        JsonObject vocab = m.object("vocab");
        int bound = 0;
        for (String key : vocab.keys()) {
            bound = Math.max(bound, id(vocab, key) + 1);
        }
        // Ids size an array: allow holes, not an id far beyond what the entries could fill.
        long allowed = Math.max(2L * vocab.size(), vocab.size() + 65_536L);
        if (bound > allowed) {
            throw m.error("vocab", "has " + vocab.size() + " entries but ids up to " + (bound - 1) + "; ids that sparse are not a vocabulary");
        }
        String[] spellings = new String[bound];
        for (String key : vocab.keys()) {
            int id = id(vocab, key);
            if (spellings[id] != null) {
                throw vocab.error(key, "id " + id + " is also the id of \"" + spellings[id] + "\"");
            }
            spellings[id] = key;
        }
        return spellings;
    }

    private static int id(JsonObject vocab, String key) {
        int id = vocab.integer(key);
        if (id < 0 || id > MAX_ID) {
            throw vocab.error(key, "id " + id + " is out of range (0.." + MAX_ID + ")");
        }
        return id;
    }

    private static Bpe bpe(JsonObject m, boolean byteLevel) {
        if (m.optionalNumber("dropout").orElse(0) != 0) {
            throw m.error("dropout", "BPE dropout makes ids random; Tokenlab counts what a model sees at inference, without dropout");
        }
        String[] spellings = spellings(m);
        Map<String, Integer> ids = new HashMap<>(spellings.length * 2);
        for (int id = 0; id < spellings.length; id++) {
            if (spellings[id] != null) {
                ids.put(spellings[id], id);
            }
        }
        String prefix = m.optionalString("continuing_subword_prefix").orElse("");
        String suffix = m.optionalString("end_of_word_suffix").orElse("");
        if (byteLevel && (!prefix.isEmpty() || !suffix.isEmpty())) {
            throw Components.unsupported(m, "continuing_subword_prefix", "a byte-level BPE with a subword prefix or suffix");
        }
        JsonArray list = m.array("merges");
        int n = list.size();
        int[] left = new int[n];
        int[] right = new int[n];
        int[] result = new int[n];
        for (int r = 0; r < n; r++) {
            JsonValue v = list.get(r);
            String a;
            String b;
            if (v instanceof JsonString s) {
                String[] parts = s.value().split(" ", -1);
                if (parts.length != 2) {
                    throw list.error(r, "Merges text file invalid at line " + (r + 1) + ": expected \"LEFT RIGHT\", found \"" + s.value() + "\"");
                }
                a = parts[0];
                b = parts[1];
            } else {
                JsonArray pair = list.array(r);
                if (pair.size() != 2) {
                    throw list.error(r, "expected a pair of tokens, found " + pair.size() + " items");
                }
                a = pair.string(0);
                b = pair.string(1);
            }
            left[r] = known(ids, a, list, r);
            right[r] = known(ids, b, list, r);
            String merged = a + (b.startsWith(prefix) ? b.substring(prefix.length()) : b);
            Integer id = ids.get(merged);
            if (id == null) {
                throw list.error(r, "merges \"" + a + "\" and \"" + b + "\" into \"" + merged + "\", which is not in the vocabulary");
            }
            result[r] = id;
        }
        byte[][] tokenBytes = new byte[spellings.length][];
        for (int id = 0; id < spellings.length; id++) {
            String s = spellings[id];
            if (s != null) {
                tokenBytes[id] = byteLevel ? ByteLevelAlphabet.bytesOf(s) : s.getBytes(StandardCharsets.UTF_8);
                if (tokenBytes[id] != null && tokenBytes[id].length == 0) {
                    tokenBytes[id] = null;
                }
            }
        }
        int unk = -1;
        String unkToken = m.optionalString("unk_token").orElse(null);
        if (unkToken != null) {
            Integer u = ids.get(unkToken);
            if (u == null) {
                throw m.error("unk_token", "Unk token `" + unkToken + "` not found in the vocabulary");
            }
            unk = u;
        }
        return new Bpe(spellings, tokenBytes, RankedMerges.of(left, right, result), byteLevel, m.bool("ignore_merges", false),
                m.bool("byte_fallback", false), m.bool("fuse_unk", false), unk, prefix, suffix);
    }

    private static int known(Map<String, Integer> ids, String token, JsonArray list, int r) {
        Integer id = ids.get(token);
        if (id == null) {
            throw list.error(r, "Token `" + token + "` out of vocabulary");
        }
        return id;
    }

    /** {@code vocab} as {@code [[piece, score], …]} (ids are positions), optional {@code unk_id} and {@code byte_fallback}. */
    private static Unigram unigram(JsonObject m) {
        if (!m.has("vocab")) {
            throw m.error("vocab", "Missing vocab");
        }
        JsonArray vocab = m.array("vocab");
        int n = vocab.size();
        String[] pieces = new String[n];
        double[] scores = new double[n];
        for (int id = 0; id < n; id++) {
            JsonArray entry = vocab.array(id);
            if (entry.size() != 2) {
                throw vocab.error(id, "expected [piece, score], found " + entry.size() + " items");
            }
            pieces[id] = entry.string(0);
            scores[id] = entry.number(1);
        }
        int unkId = -1;
        OptionalInt unk = m.optionalInteger("unk_id");
        if (unk.isPresent()) {
            unkId = unk.getAsInt();
            if (unkId < 0) {
                throw m.error("unk_id", "expected an id (0 or more), found " + unkId);
            }
            if (n == 0) {
                throw m.error("vocab", "the vocabulary is empty but unk_id is set (EmptyVocabulary)");
            }
            if (unkId >= n) {
                throw m.error("unk_id", "unk_id " + unkId + " is not in the vocabulary of " + n + " pieces (UnkIdNotInVocabulary)");
            }
        }
        return new Unigram(pieces, scores, unkId, m.bool("byte_fallback", false));
    }

    /** {@code vocab} (token → id) and {@code unk_token}, both required; the unknown token need not be in the vocabulary. */
    private static WordLevel wordLevel(JsonObject m) {
        String[] spellings = spellings(m);
        return new WordLevel(spellings, m.string("unk_token"));
    }

    private static WordPiece wordPiece(JsonObject m) {
        String[] spellings = spellings(m);
        String unk = m.string("unk_token");
        int unkId = -1;
        for (int id = 0; id < spellings.length; id++) {
            if (unk.equals(spellings[id])) {
                unkId = id;
            }
        }
        if (unkId < 0) {
            throw m.error("unk_token", "Missing " + unk + " token from the vocabulary");
        }
        int max = m.integer("max_input_chars_per_word");
        return new WordPiece(spellings, m.string("continuing_subword_prefix"), unkId, max);
    }

}
