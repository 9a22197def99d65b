package dev.tokenlab.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Writes token lists into answers: ids, and tokens with their text and their UTF-16 and UTF-8 offsets. */
final class Tokens {
    /** The special-token policies a request names, as the CLI's {@code --special}. */
    static final List<String> POLICIES = List.of("text", "allow", "deny");

    private Tokens() {
    }

    static SpecialTokens policy(String name) {
        return switch (name) {
            case "allow" -> SpecialTokens.allowAll();
            case "deny" -> SpecialTokens.disallowAll();
            default -> SpecialTokens.asText();
        };
    }

    static ArrayNode ids(ObjectNode parent, String field, int[] ids) {
        ArrayNode array = parent.putArray(field);
        for (int id : ids) {
            array.add(id);
        }
        return array;
    }

    /**
     * {@code spans} of {@code text} as objects: id, text (the token's bytes as UTF-8; a token holding part of a
     * character shows U+FFFD, {@code partial: true} and its {@code bytes} in hex), special, and the offsets in UTF-16 code units
     * ({@code start}, {@code end}, what JavaScript and Java index by) and in UTF-8 bytes ({@code utf8_start},
     * {@code utf8_end}, what Python's bytes, Go and Rust index by).
     */
    static void spans(ObjectNode parent, String field, String text, List<TokenSpan> spans) {
        int[] utf8 = utf8Offsets(text);
        ArrayNode array = parent.putArray(field);
        for (TokenSpan s : spans) {
            ObjectNode t = array.addObject();
            t.put("id", s.id()).put("text", s.text()).put("special", s.special());
            if (s.isPartialCharacter()) {
                t.put("partial", true).put("bytes", HexFormat.of().withUpperCase().formatHex(s.bytes()));
            }
            t.put("start", s.charStart()).put("end", s.charEnd())
                    .put("utf8_start", utf8[s.charStart()]).put("utf8_end", utf8[s.charEnd()]);
        }
    }

    /** Tokens of a prompt built from ids (a chat): id, text, special. */
    static void pieces(ObjectNode parent, String field, Tokenizer tokenizer, int[] ids) {
        ArrayNode array = parent.putArray(field);
        for (int id : ids) {
            array.addObject().put("id", id).put("text", new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8))
                    .put("special", tokenizer.isSpecial(id));
        }
    }

    /** For each UTF-16 index of {@code text} (and its end), the UTF-8 byte offset. */
    static int[] utf8Offsets(String text) {
        int[] offsets = new int[text.length() + 1];
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            offsets[i] = bytes;
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                offsets[i + 1] = bytes + 4; // a cut inside a pair counts the whole character
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        offsets[text.length()] = bytes;
        return offsets;
    }
}
