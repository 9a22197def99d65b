package dev.tokenlab.pretokenize;

import dev.tokenlab.regex.RegexPreTokenizer;
import dev.tokenlab.testing.EdgeCases;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link DeepSeekPieces} cuts text exactly as DeepSeek V3's three Isolated splits do when nested, each on
 * every piece of the one before, with the unmatched runs between matches as pieces: the three nested here
 * on core's regex engine, the reference the conformance tests hold against the Rust library.
 */
class DeepSeekPiecesTest {
    private static final List<PreTokenizer> NESTED = List.of(new RegexPreTokenizer(DeepSeekScanner.DIGITS_PATTERN),
            new RegexPreTokenizer(DeepSeekScanner.CJK_PATTERN), new RegexPreTokenizer(DeepSeekScanner.WORDS_PATTERN));

    @Test
    void randomStringsCutAsTheNestedSplitsDo() {
        Random random = new Random(20261207);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(16);
            for (int k = 0; k < length; k++) {
                sb.appendCodePoint(ScannerEquivalenceTest.ALPHABET[random.nextInt(ScannerEquivalenceTest.ALPHABET.length)]);
            }
            assertSameCut(sb.toString());
        }
    }

    @Test
    void everyCodePointInEveryContextCutsAsTheNestedSplitsDo() {
        String[][] contexts = {{"", ""}, {"a", "b"}, {" ", "1"}, {"中", "あ"}, {"\u0001", "\u0002"}, {"\n", " x"}, {"!", "."},
            {"\u30A0", "\u3040"}};
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x30000 ? 1 : 97) {
            String c = new String(Character.toChars(cp));
            for (String[] ctx : contexts) {
                assertSameCut(ctx[0] + c + ctx[1]);
            }
        }
    }

    @Test
    void realTextCutsAsTheNestedSplitsDo() {
        for (String text : List.of(
                "DeepSeek-V3 has 671B parameters (37B active), trained on 14.8T tokens.\n\n```python\nprint('hi')\n```\r\n",
                "吾輩は猫である。名前はまだ無い。\u30A0カタカナ\u30FB混在\u309Bテスト 2024年12月07日 ١٢٣٤ Ελληνικά café\u0301",
                "\u0001abc\u0002 \t\u000B x\u3040\u0000 \uD83D\uDE00!! $HOME ~/x.y")) {
            assertSameCut(text);
        }
    }

    private static void assertSameCut(String text) {
        List<String> expected = new ArrayList<>();
        nested(0, text, 0, text.length(), expected);
        List<String> actual = new ArrayList<>();
        DeepSeekPieces.INSTANCE.split(text, 0, text.length(), (s, e) -> actual.add(text.substring(s, e)));
        assertEquals(expected, actual, () -> "on " + EdgeCases.escape(text));
    }

    /** Level {@code level}'s Isolated split of {@code [from, to)}: matches and the gaps between them, each split further. */
    private static void nested(int level, String text, int from, int to, List<String> out) {
        if (from >= to) {
            return;
        }
        if (level == NESTED.size()) {
            out.add(text.substring(from, to));
            return;
        }
        int[] at = {from};
        NESTED.get(level).split(text, from, to, (s, e) -> {
            nested(level + 1, text, at[0], s, out);
            nested(level + 1, text, s, e, out);
            at[0] = e;
            return true;
        });
        nested(level + 1, text, at[0], to, out);
    }
}
