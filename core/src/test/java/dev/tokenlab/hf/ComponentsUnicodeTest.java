package dev.tokenlab.hf;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.hf.pretokenizers.UnicodeScripts;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The Unicode components as a {@code tokenizer.json} declares them. */
class ComponentsUnicodeTest {

    private static JsonObject json(String s) {
        return (JsonObject) JsonReader.parse(s.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void unicodeScriptsIsBuiltFromItsJson() {
        PreTokenizer p = Components.preTokenizer(json("{\"type\":\"UnicodeScripts\"}"), false);
        assertInstanceOf(UnicodeScripts.class, p);
        PreTokenizer inSequence = Components.preTokenizer(json(
                "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"UnicodeScripts\"},{\"type\":\"BertPreTokenizer\"}]}"), false);
        List<String> out = new ArrayList<>();
        String text = "Привет123,.!мир ab";
        inSequence.split(NormalizedString.of(text, 0, text.length()), piece -> out.add(piece.toString()));
        assertEquals(List.of("Привет", "123", ",", ".", "!", "мир", "ab"), out);
    }

    @Test
    void normalizationFormsAreBuiltFromTheirJson() {
        for (String form : List.of("NFC", "NFD", "NFKC", "NFKD")) {
            assertEquals(form, Components.normalizer(json("{\"type\":\"" + form + "\"}")).toString());
        }
        String s = "ﬁ\u1E9B";
        assertEquals("fis\u0307", Components.normalizer(json("{\"type\":\"NFKD\"}"))
                .normalize(NormalizedString.of(s, 0, s.length())).toString());
    }
}
