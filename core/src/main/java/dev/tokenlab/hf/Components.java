package dev.tokenlab.hf;

import dev.tokenlab.hf.decoders.ByteLevelDecoder;
import dev.tokenlab.hf.decoders.MetaspaceDecoder;
import dev.tokenlab.hf.decoders.SimpleDecoders;
import dev.tokenlab.hf.decoders.WordPieceDecoder;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.hf.normalizers.BertNormalizer;
import dev.tokenlab.hf.normalizers.Precompiled;
import dev.tokenlab.hf.normalizers.SimpleNormalizers;
import dev.tokenlab.hf.normalizers.UnicodeForms;
import dev.tokenlab.hf.pipeline.Decoder;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.hf.pretokenizers.BertPreTokenizer;
import dev.tokenlab.hf.pretokenizers.ByteLevel;
import dev.tokenlab.hf.pretokenizers.CharSplits;
import dev.tokenlab.hf.pretokenizers.FixedLength;
import dev.tokenlab.hf.pretokenizers.Finder;
import dev.tokenlab.hf.pretokenizers.Metaspace;
import dev.tokenlab.hf.pretokenizers.RegexFinder;
import dev.tokenlab.hf.pretokenizers.Sequence;
import dev.tokenlab.hf.pretokenizers.Split;
import dev.tokenlab.hf.pretokenizers.SplitBehavior;
import dev.tokenlab.hf.pretokenizers.UnicodeScripts;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonException;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonValue;
import dev.tokenlab.sentencepiece.PrecompiledCharsMap;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Builds the normalizer, pre-tokenizer and decoder a {@code tokenizer.json} declares, component by
 * component, with the Rust library's field names, defaults and required fields; anything Tokenlab does
 * not implement is one error naming the component and its JSON path.
 */
final class Components {
    private Components() {
    }

    static Normalizer normalizer(JsonObject n) {
        String type = type(n);
        return switch (type) {
            case "NFC" -> new UnicodeForms(java.text.Normalizer.Form.NFC);
            case "NFD" -> new UnicodeForms(java.text.Normalizer.Form.NFD);
            case "NFKC" -> new UnicodeForms(java.text.Normalizer.Form.NFKC);
            case "NFKD" -> new UnicodeForms(java.text.Normalizer.Form.NFKD);
            case "Lowercase" -> SimpleNormalizers.lowercase();
            case "StripAccents" -> SimpleNormalizers.stripAccents();
            case "Strip" -> SimpleNormalizers.strip(n.bool("strip_left"), n.bool("strip_right"));
            case "Prepend" -> SimpleNormalizers.prepend(n.string("prepend"));
            case "Replace" -> {
                JsonObject pattern = n.object("pattern");
                String content = n.string("content");
                if (pattern.has("String") && isOneCodePoint(pattern.string("String")) && isOneCodePoint(content)) {
                    yield SimpleNormalizers.replaceCodePoint(pattern.string("String").codePointAt(0), content.codePointAt(0),
                            describe(pattern));
                }
                yield SimpleNormalizers.replace(finder(pattern), content, describe(pattern));
            }
            case "Nmt" -> SimpleNormalizers.nmt();
            case "ByteLevel" -> SimpleNormalizers.byteLevel();
            case "Precompiled" -> new Precompiled(charsMap(n));
            case "BertNormalizer" -> {
                boolean lowercase = n.bool("lowercase");
                boolean strip = n.get("strip_accents").filter(v -> !(v instanceof dev.tokenlab.json.JsonNull)).isPresent()
                        ? n.bool("strip_accents") : lowercase;
                yield new BertNormalizer(n.bool("clean_text"), n.bool("handle_chinese_chars"), strip, lowercase);
            }
            case "Sequence" -> {
                List<Normalizer> steps = new ArrayList<>();
                JsonArray list = n.array("normalizers");
                for (int i = 0; i < list.size(); i++) {
                    steps.add(normalizer(list.object(i)));
                }
                yield steps.size() == 1 ? steps.get(0) : SimpleNormalizers.sequence(steps);
            }
            default -> throw n.error("type", "unknown normalizer \"" + type + "\"");
        };
    }

    /**
     * A pre-tokenizer; with {@code mapBytes} a ByteLevel one writes its pieces in GPT-2's byte alphabet
     * (for models other than BPE, which reads the bytes itself).
     */
    static PreTokenizer preTokenizer(JsonObject p, boolean mapBytes) {
        String type = type(p);
        return switch (type) {
            case "ByteLevel" -> {
                p.bool("trim_offsets");
                yield new ByteLevel(p.bool("add_prefix_space"), p.bool("use_regex", true), new RegexFinder(ByteLevel.GPT2_PATTERN),
                        mapBytes);
            }
            case "Split" -> {
                JsonObject pattern = p.object("pattern");
                yield new Split(finder(pattern), behavior(p, "behavior"), p.bool("invert"), describe(pattern));
            }
            case "Whitespace" -> CharSplits.whitespace(new RegexFinder(CharSplits.WHITESPACE_PATTERN));
            case "WhitespaceSplit" -> CharSplits.whitespaceSplit();
            case "Digits" -> CharSplits.digits(p.bool("individual_digits"));
            case "Punctuation" -> CharSplits.punctuation(p.has("behavior") ? behavior(p, "behavior") : SplitBehavior.Isolated);
            case "CharDelimiterSplit" -> CharSplits.charDelimiter(oneChar(p, "delimiter"));
            case "FixedLength" -> {
                int length = p.has("length") ? p.integer("length") : 5;
                if (length < 1) {
                    throw p.error("length", "must be at least 1, found " + length + " (the Rust library panics: chunk size must be non-zero)");
                }
                yield new FixedLength(length);
            }
            case "Metaspace" -> new Metaspace(replacement(p), prependScheme(p), p.bool("split", true));
            case "BertPreTokenizer" -> new BertPreTokenizer();
            case "UnicodeScripts" -> new UnicodeScripts();
            case "Sequence" -> {
                List<PreTokenizer> steps = new ArrayList<>();
                JsonArray list = p.array("pretokenizers");
                for (int i = 0; i < list.size(); i++) {
                    steps.add(preTokenizer(list.object(i), mapBytes));
                }
                yield new Sequence(steps);
            }
            default -> throw p.error("type", "unknown pre-tokenizer \"" + type + "\"");
        };
    }

    static Decoder decoder(JsonObject d) {
        String type = type(d);
        return switch (type) {
            case "ByteLevel" -> new ByteLevelDecoder();
            case "Metaspace" -> new MetaspaceDecoder(replacement(d), prependScheme(d) != Metaspace.PrependScheme.NEVER);
            case "WordPiece" -> new WordPieceDecoder(d.string("prefix"), d.bool("cleanup"));
            case "BPEDecoder" -> SimpleDecoders.bpeSuffix(d.string("suffix"));
            case "Replace" -> {
                JsonObject pattern = d.object("pattern");
                yield SimpleDecoders.replace(finder(pattern), d.string("content"), describe(pattern));
            }
            case "ByteFallback" -> SimpleDecoders.byteFallback();
            case "Fuse" -> SimpleDecoders.fuse();
            case "Strip" -> SimpleDecoders.strip(oneChar(d, "content"), d.integer("start"), d.integer("stop"));
            case "CTC" -> SimpleDecoders.ctc(d.string("pad_token"), d.string("word_delimiter_token"), d.bool("cleanup"));
            case "Sequence" -> {
                List<Decoder> steps = new ArrayList<>();
                JsonArray list = d.array("decoders");
                for (int i = 0; i < list.size(); i++) {
                    steps.add(decoder(list.object(i)));
                }
                yield steps.size() == 1 ? steps.get(0) : SimpleDecoders.sequence(steps);
            }
            default -> throw d.error("type", "unknown decoder \"" + type + "\"");
        };
    }

    /** Whether a normalizer or pre-tokenizer (or a Sequence holding one) is ByteLevel: then the model reads bytes. */
    static boolean isByteLevel(JsonValue component) {
        if (!(component instanceof JsonObject o) || !o.has("type")) {
            return false;
        }
        String type = o.string("type");
        if (type.equals("ByteLevel")) {
            return true;
        }
        for (String list : List.of("pretokenizers", "normalizers")) {
            if (type.equals("Sequence") && o.has(list)) {
                for (JsonValue v : o.array(list).values()) {
                    if (isByteLevel(v)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static SplitBehavior behavior(JsonObject p, String key) {
        String b = p.string(key);
        for (SplitBehavior s : SplitBehavior.values()) {
            if (s.name().equals(b)) {
                return s;
            }
        }
        throw p.error(key, "expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous, found \"" + b + "\"");
    }

    private static Metaspace.PrependScheme prependScheme(JsonObject p) {
        String scheme = p.optionalString("prepend_scheme").orElse("always");
        Metaspace.PrependScheme s = switch (scheme) {
            case "always" -> Metaspace.PrependScheme.ALWAYS;
            case "first" -> Metaspace.PrependScheme.FIRST;
            case "never" -> Metaspace.PrependScheme.NEVER;
            default -> throw p.error("prepend_scheme", "expected always, first or never, found \"" + scheme + "\"");
        };
        if (p.has("add_prefix_space") && !p.bool("add_prefix_space")) {
            if (p.has("prepend_scheme") && s != Metaspace.PrependScheme.NEVER) {
                throw p.error("add_prefix_space", "add_prefix_space does not match declared prepend_scheme");
            }
            return Metaspace.PrependScheme.NEVER;
        }
        return s;
    }

    private static int replacement(JsonObject p) {
        return oneChar(p, "replacement");
    }

    private static int oneChar(JsonObject o, String key) {
        String s = o.string(key);
        if (s.codePointCount(0, s.length()) != 1) {
            throw o.error(key, "expected one character, found \"" + s + "\"");
        }
        return s.codePointAt(0);
    }

    /** A pattern object, {@code {"String": s}} (a literal) or {@code {"Regex": r}}, as a finder. */
    private static boolean isOneCodePoint(String s) {
        return !s.isEmpty() && s.length() == Character.charCount(s.codePointAt(0));
    }

    private static Finder finder(JsonObject pattern) {
        if (pattern.has("Regex")) {
            return regex(pattern, "Regex");
        }
        if (!pattern.has("String")) {
            throw pattern.error("String", "expected {\"String\": …} or {\"Regex\": …}");
        }
        return Finder.literal(pattern.string("String"));
    }

    private static String describe(JsonObject pattern) {
        return pattern.has("Regex") ? "/" + visible(pattern.string("Regex")) + "/" : "\"" + visible(pattern.string("String")) + "\"";
    }

    /** The {@code precompiled_charsmap} of a Precompiled normalizer: base64 of a SentencePiece charsmap. */
    private static PrecompiledCharsMap charsMap(JsonObject n) {
        String base64 = n.optionalString("precompiled_charsmap").orElseThrow(() -> n.error("precompiled_charsmap",
                "expected the base64 of a SentencePiece charsmap, found " + (n.has("precompiled_charsmap") ? "null" : "no such key")
                        + " (the Rust library panics)"));
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw n.error("precompiled_charsmap", "is not base64: " + e.getMessage());
        }
        try {
            return PrecompiledCharsMap.decode(blob, n.path() + ".precompiled_charsmap");
        } catch (TokenizerFormatException e) {
            throw n.error("precompiled_charsmap", e.getMessage().replaceFirst("^.*?: ", ""));
        }
    }

    private static Finder regex(JsonObject pattern, String key) {
        String r = pattern.string(key);
        try {
            return new RegexFinder(r);
        } catch (RuntimeException e) {
            throw pattern.error(key, "cannot compile /" + r + "/: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** A pattern with its control characters written as escapes, so a description stays on one line. */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static String type(JsonObject o) {
        return o.string("type");
    }

    static JsonException unsupported(JsonObject o, String key, String what) {
        return o.error(key, what + " is not supported by Tokenlab yet");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
