package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Extended grapheme cluster boundaries, one case per UAX #29 rule the Precompiled normalizer can meet
 * (CR LF, controls, marks, spacing marks, prepend, Hangul, Indic conjuncts, emoji ZWJ sequences,
 * flags, tags, unassigned code points). The expected boundaries (code point indices where clusters
 * start) are ICU's ({@code Intl.Segmenter} of Node 20, ICU 78); a run of 20,000 random strings over the
 * same classes agreed everywhere when this was written. How the normalizer uses the clusters is
 * proven against the Rust library by the synthetic goldens ({@code norm-precompiled*} in
 * {@code testdata/hf-synthetic}).
 */
class GraphemesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CR LF|U+000D U+000A U+0061 U+000A U+000D|0,2,3,4",
        "marks|U+0065 U+0301 U+0308 U+0078|0,3",
        "ZWJ family|U+1F468 U+200D U+1F469 U+200D U+1F466 U+0061|0,5",
        "flags|U+1F1EF U+1F1F5 U+1F1FA U+1F1F8 U+1F1EB|0,2,4",
        "skin tone|U+1F44D U+1F3FD U+0021|0,2",
        "Hangul jamo|U+1100 U+1161 U+11A8 U+1100 U+AC00 U+11A8|0,3",
        "Indic conjunct|U+0915 U+094D U+0937 U+093F U+0915|0,4",
        "prepend|U+0600 U+0031 U+0032 U+0033 U+0020 U+0D4E U+0061|0,2,3,4,5",
        "spacing mark|U+0915 U+0903 U+0061 U+0E01 U+0E33|0,2,3",
        "controls|U+0061 U+0000 U+0301 U+007F|0,1,2,3",
        "halfwidth voiced|U+FF76 U+FF9E U+FF8A U+FF9F|0,2",
        "emoji text ZWJ|U+0061 U+200D U+1F600 U+00A9 U+200D U+00A9|0,2,3",
        "tags|U+1F3F4 U+E0067 U+E0062 U+E007F U+0078|0,4",
        "unassigned + mark|U+0378 U+0301 U+FFF0 U+0301|0,2,3",
        "Kirat Rai V|U+1100 U+16D63|0"
    })
    void clustersAreUax29s(String name, String codePoints, String starts) {
        StringBuilder sb = new StringBuilder();
        for (String u : codePoints.split(" ")) {
            sb.appendCodePoint(Integer.parseInt(u.substring(2), 16));
        }
        String s = sb.toString();
        NormalizedString text = NormalizedString.of(s, 0, s.length());
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < text.length(); i = Graphemes.nextBoundary(text, i, text.length())) {
            found.add(i);
        }
        assertEquals(starts, found.stream().map(String::valueOf).collect(Collectors.joining(",")), name);
    }
}
