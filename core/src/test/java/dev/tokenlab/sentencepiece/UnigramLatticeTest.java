package dev.tokenlab.sentencepiece;

import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The n best Unigram segmentations against brute force: every segmentation of the normalized text
 * enumerated, scored by the rule written out here again (the piece's score; a user-defined piece
 * {@code bytes × max − 0.1}; a character without a piece {@code min − 10}; partial sums rounded to
 * float), sorted, and compared.
 */
class UnigramLatticeTest {

    /** The values of every segmentation of {@code normalized}, best first. */
    static List<Double> bruteForce(SentencePieceModel m, String normalized) {
        Map<String, Integer> pieces = new HashMap<>();
        float max = Float.MIN_VALUE;
        float min = Float.MAX_VALUE;
        for (int id = 0; id < m.size(); id++) {
            if (m.type(id) == PieceType.NORMAL || m.type(id) == PieceType.USER_DEFINED) {
                pieces.putIfAbsent(m.piece(id), id);
            }
            if (m.type(id) == PieceType.NORMAL) {
                max = Math.max(max, m.score(id));
                min = Math.min(min, m.score(id));
            }
        }
        int[] bounds = normalized.codePoints().map(Character::charCount).toArray();
        int[] at = new int[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) {
            at[i + 1] = at[i] + bounds[i];
        }
        List<Double> values = new ArrayList<>();
        enumerate(normalized, at, 0, 0f, pieces, m, max, min - 10f, values);
        values.sort(Comparator.reverseOrder());
        return values;
    }

    private static void enumerate(String s, int[] at, int i, float value, Map<String, Integer> pieces, SentencePieceModel m,
                                  float max, float unk, List<Double> out) {
        if (i == at.length - 1) {
            out.add((double) value);
            return;
        }
        boolean hasSingle = false;
        for (int j = i + 1; j < at.length; j++) {
            String sub = s.substring(at[i], at[j]);
            Integer id = pieces.get(sub);
            if (id == null) {
                continue;
            }
            int bytes = sub.getBytes(StandardCharsets.UTF_8).length;
            double score = m.type(id) == PieceType.USER_DEFINED ? (double) (bytes * max) - 0.1 : m.score(id);
            enumerate(s, at, j, (float) (score + value), pieces, m, max, unk, out);
            hasSingle |= j == i + 1;
        }
        if (!hasSingle) {
            enumerate(s, at, i + 1, unk + value, pieces, m, max, unk, out);
        }
    }

    /** nBest agrees with brute force and with encode, and its paths are well formed. */
    static void check(SentencePieceTokenizer t, String text, int n) {
        SentencePieceTokenizer.Normalized norm = t.normalizeWithOffsets(text);
        byte[] b = norm.bytes();
        List<UnigramLattice.Path> paths = UnigramLattice.of(t).nBest(b, b.length, n);
        String where = EdgeCases.escape(text);
        // the first is encode's
        int[] encoded = t.encode(text);
        int[] best = paths.get(0).nodes().stream().mapToInt(UnigramLattice.Node::id).toArray();
        if (!t.model().trainer().byteFallback()) {
            assertArrayEquals(collapseUnknownRuns(best, t.model().unkId()), encoded, where);
        }
        // the values are the n best of all segmentations
        List<Double> all = bruteForce(t.model(), norm.text());
        assertEquals(Math.min(n, all.size()), paths.size(), where);
        assertEquals(all.get(0), paths.get(0).logProbability(), where + ": the best");
        List<Double> alternatives = paths.subList(1, paths.size()).stream().map(UnigramLattice.Path::logProbability).toList();
        // the best taken out of the sorted list, the alternatives are the next values
        List<Double> rest = new ArrayList<>(all.subList(1, all.size()));
        assertEquals(rest.subList(0, alternatives.size()), alternatives, where + ": the next best");
        // each path covers the text, its value is its nodes' sum, and no two are the same
        Set<List<UnigramLattice.Node>> seen = new HashSet<>();
        for (UnigramLattice.Path p : paths) {
            assertTrue(seen.add(p.nodes()), where + ": distinct");
            int pos = 0;
            float value = 0f;
            for (UnigramLattice.Node node : p.nodes()) {
                assertEquals(pos, node.start(), where);
                pos = node.end();
                value = node.id() == t.model().unkId() ? (float) node.score() + value : (float) (node.score() + value);
            }
            assertEquals(b.length, pos, where);
            assertEquals(value, p.logProbability(), where);
        }
    }

    private static int[] collapseUnknownRuns(int[] ids, int unk) {
        List<Integer> out = new ArrayList<>();
        for (int id : ids) {
            if (id != unk || out.isEmpty() || out.get(out.size() - 1) != unk) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void aToyVocabulary() {
        SentencePieceTokenizer t = TracingBpeSegmenterTest.tok(ToyModelsTest.base().modelType(ModelType.UNIGRAM)
                .piece("a", -1)       // 3
                .piece("b", -1)       // 4
                .piece("ab", -1.5f)   // 5: -1.5 beats a + b = -2
                .piece("abc", -10)    // 6
                .piece("c", -1));     // 7
        List<UnigramLattice.Path> paths = UnigramLattice.of(t).nBest("abc".getBytes(StandardCharsets.UTF_8), 3, 5);
        assertEquals(List.of(List.of(5, 7), List.of(3, 4, 7), List.of(6)),
                paths.stream().map(p -> p.nodes().stream().map(UnigramLattice.Node::id).toList()).toList());
        assertEquals(List.of(-2.5, -3.0, -10.0), paths.stream().map(UnigramLattice.Path::logProbability).toList());
        // "x" has no piece: the unknown id, scored min - 10 = -20
        UnigramLattice.Path unknown = UnigramLattice.of(t).nBest("x".getBytes(StandardCharsets.UTF_8), 1, 5).get(0);
        assertEquals(List.of(new UnigramLattice.Node(0, 1, 0, -20.0)), unknown.nodes());
        check(t, "abcab", 10);
        check(t, "abxa", 10);
    }

    @Test
    void emptyTextHasOneEmptyPath() {
        SentencePieceTokenizer t = TracingBpeSegmenterTest.tok(ToyModelsTest.base().modelType(ModelType.UNIGRAM).piece("a", -1));
        assertEquals(List.of(new UnigramLattice.Path(List.of(), 0.0)), UnigramLattice.of(t).nBest(new byte[0], 0, 5));
        assertThrows(IllegalArgumentException.class, () -> UnigramLattice.of(t).nBest(new byte[0], 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> UnigramLattice.of((SentencePieceTokenizer) Tokenizers.get("llama2")));
    }

    /** Random vocabularies with user-defined and UNUSED pieces, random texts, 1 to 8 paths. */
    @Test
    void randomVocabulariesAgreeWithBruteForce() {
        Random random = new Random(11);
        String alphabet = "ab\u2581c é";
        for (int model = 0; model < 200; model++) {
            ModelProtoWriter w = ToyModelsTest.base().modelType(ModelType.UNIGRAM).addDummyPrefix(random.nextBoolean());
            Set<String> pieces = new LinkedHashSet<>();
            for (char c : "ab\u2581c".toCharArray()) {
                if (random.nextInt(5) > 0) {
                    pieces.add(String.valueOf(c));
                }
            }
            int multi = 1 + random.nextInt(10);
            for (int i = 0; i < multi; i++) {
                StringBuilder sb = new StringBuilder();
                int length = 2 + random.nextInt(3);
                for (int k = 0; k < length; k++) {
                    sb.append("ab\u2581c".charAt(random.nextInt(4)));
                }
                pieces.add(sb.toString());
            }
            boolean normal = false;
            for (String p : pieces) {
                int kind = random.nextInt(12);
                PieceType type = kind == 0 && normal ? PieceType.UNUSED : kind == 1 && normal ? PieceType.USER_DEFINED
                        : PieceType.NORMAL;
                normal |= type == PieceType.NORMAL;
                // scores on a coarse grid, so equal sums (ties) happen
                w.piece(p, -0.5f * (1 + random.nextInt(12)), type);
            }
            SentencePieceTokenizer t = TracingBpeSegmenterTest.tok(w);
            for (int i = 0; i < 10; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(9);
                for (int k = 0; k < length; k++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                check(t, text.toString(), 1 + random.nextInt(8));
            }
        }
    }

    @Test
    void sentencePiecesTestModel() {
        SentencePieceTokenizer t = (SentencePieceTokenizer) Tokenizers.load(
                SharedData.require("models/sentencepiece-test/test_model.model"));
        for (String word : List.of("unhappiness", "I saw a girl", "Hello 日本", "tokenization", "ＨＥＬＬＯ")) {
            check(t, word, 5);
        }
        byte[] b = t.normalizeWithOffsets("unhappiness").bytes();
        List<UnigramLattice.Path> paths = UnigramLattice.of(t).nBest(b, b.length, 3);
        assertEquals(List.of(-38.483283996582031, -41.053985595703125, -41.31848907470703),
                paths.stream().map(UnigramLattice.Path::logProbability).toList());
        assertEquals(new UnigramLattice.Node(0, 5, 210, -7.130228519439697), paths.get(0).nodes().get(0));
    }
}
