package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.unicode.Scripts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code UnicodeScripts}, on the Rust library's own tests and the reference's examples (hf-semantics §4.4). */
class UnicodeScriptsTest {
    private final UnicodeScripts scripts = new UnicodeScripts();

    private List<String> pieces(String s) {
        List<String> out = new ArrayList<>();
        scripts.split(NormalizedString.of(s, 0, s.length()), p -> out.add(p.toString() + "@" + p.originalStart(0) + ".."
                + p.originalEnd(p.length() - 1)));
        return out;
    }

    @Test
    void splitsWhereTheScriptChanges() {
        assertEquals(List.of("Привет@0..6", "123,.!@6..12", "мир @12..16", "ab@16..18"), pieces("Привет123,.!мир ab"));
        assertEquals(List.of("どこで生れ@0..5", "。@5..6", "Yes@6..9"), pieces("どこで生れ。Yes"));
        assertEquals(List.of("Apples are @0..11", "りんご 林檎@11..17"), pieces("Apples are りんご 林檎"));
    }

    @Test
    void leadingSpacesAndSpaceOnlyPiecesDisappear() {
        assertEquals(List.of("abc@1..4"), pieces(" abc"));
        assertEquals(List.of(), pieces("   "));
        assertEquals(List.of(), pieces(""));
        assertEquals(List.of("a@0..1", "\uD802\uDD00@1..3", "b@3..4"), pieces("a\uD802\uDD00b"), "Phoenician U+10900 is a script: three pieces");
    }

    @Test
    void codePointsWithoutAScriptJoinThePieceBeforeThem() {
        // U+10D50 (Garay, 16.0) and U+0378 (unassigned) have no 9.0 script: like a space.
        assertEquals(List.of("a\uD803\uDD50\u0378b@0..5"), pieces("a\uD803\uDD50\u0378b"));
        assertEquals(List.of("a@0..1", "\u0301@1..2"), pieces("a\u0301"), "Inherited is a script of its own");
    }

    @Test
    void fixedScriptsOfTheRustPreTokenizer() {
        Scripts table = Scripts.unicode9();
        int han = table.id("Han");
        for (int c : new int[] {'京', '太', 'い', 'グ', 'ー'}) {
            assertEquals(han, scripts.script(c), Character.toString(c));
        }
        assertEquals(table.id("Latin"), scripts.script('a'));
        assertEquals(table.id("Latin"), scripts.script('A'));
        for (int c : new int[] {'0', '$', '@', '-'}) {
            assertEquals(table.id("Common"), scripts.script(c), Character.toString(c));
        }
        assertEquals(Scripts.ANY, scripts.script(' '));
        assertEquals(table.id("Common"), scripts.script('\t'), "only U+0020 is Any");
    }
}
