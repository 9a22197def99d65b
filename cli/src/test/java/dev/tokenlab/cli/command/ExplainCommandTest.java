package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.cli.Json;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {

    @Test
    void unhappinessOnLlama3() {
        assertEquals(new Cli.Result(0, ""
                + "llama3: byte-level BPE: start from the piece's bytes, merge the adjacent pair of lowest rank first\n"
                + "\"unhappiness\": 1 piece, 8 merges, 3 tokens\n"
                + "\n"
                + "piece 1: \"unhappiness\" (11 bytes)\n"
                + "  start: \"u\" \"n\" \"h\" \"a\" \"p\" \"p\" \"i\" \"n\" \"e\" \"s\" \"s\"\n"
                + "  1. \"i\"+\"n\" → \"in\" (rank 258)\n"
                + "  2. \"e\"+\"s\" → \"es\" (rank 288)\n"
                + "  3. \"u\"+\"n\" → \"un\" (rank 359)\n"
                + "  4. \"a\"+\"p\" → \"ap\" (rank 391)\n"
                + "  5. \"es\"+\"s\" → \"ess\" (rank 434)\n"
                + "  6. \"ap\"+\"p\" → \"app\" (rank 680)\n"
                + "  7. \"in\"+\"ess\" → \"iness\" (rank 1918)\n"
                + "  8. \"app\"+\"iness\" → \"appiness\" (rank 67391)\n"
                + "  tokens: un|h|appiness (359 71 67391)\n"
                + "\n"
                + "3 tokens: un|h|appiness\n"
                + "ids: 359 71 67391\n", ""), Cli.run("explain", "unhappiness", "-m", "llama3"));
    }

    @Test
    void aPieceTakenWholeSaysSo() {
        String out = Cli.run("explain", " world", "-m", "llama3").out();
        assertTrue(out.contains("\n  5. \"·w\"+\"orld\" → \"·world\" (rank 1917)\n"
                + "  the whole piece is token 1917: encode takes it as it is (the merges reach it too)\n"), out);
    }

    @Test
    void theLevelsLesson() {
        assertEquals(new Cli.Result(0, ""
                + "\"I love machine learning!\" on llama3\n"
                + "words        4  I|love|machine|learning\n"
                + "tokens       5  I|·love|·machine|·learning|!\n"
                + "characters  24  I|·|l|o|v|e|·|m|a|c|h|i|n|e|·|l|e|a|r|n|i|n|g|!\n", ""),
                Cli.run("explain", "--levels", "I love machine learning!"));
    }

    @Test
    void levelsJson() {
        Map<String, Object> json = Json.object(Cli.run("explain", "--levels", "I love machine learning!", "--format", "json").out());
        assertEquals(List.of("model", "tokenizer", "engine", "text", "words", "tokens", "characters"), List.copyOf(json.keySet()));
        assertEquals(4.0, ((Map<?, ?>) json.get("words")).get("count"));
        assertEquals(5.0, ((Map<?, ?>) json.get("tokens")).get("count"));
        assertEquals(24.0, ((Map<?, ?>) json.get("characters")).get("count"));
        assertEquals(List.of("I", "love", "machine", "learning"), ((Map<?, ?>) json.get("words")).get("items"));
    }

    @Test
    void modelsWithoutATraceSaySoInOneLine() {
        Cli.Result r = Cli.run("explain", "hello", "--engine", "jtokkit");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("tokenlab: explain has no trace for llama3 on engine jtokkit (traces exist for the BPE, WordPiece and Unigram"
                + " models the core engine runs; --levels works for every model)\n", r.err());
        assertEquals(0, Cli.run("explain", "--levels", "hello", "--engine", "jtokkit").exitCode());
    }

    @Test
    void longTextsAreForShowAndCount() {
        Cli.Result r = Cli.run("explain", "a".repeat(ExplainCommand.MAX_TRACE_CHARS + 1));
        assertEquals(2, r.exitCode());
        assertEquals("tokenlab: explain traces words and sentences: give at most 20000 characters, not 20001"
                + " (show and count take texts of any size)\n", r.err());
        long start = System.nanoTime();
        assertEquals(0, Cli.run("explain", "a".repeat(ExplainCommand.MAX_TRACE_CHARS), "--format", "json").exitCode());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "a trace of the longest text takes seconds at most");
    }

    @Test
    void jsonTrace() {
        Cli.Result r = Cli.run("explain", "😀", "-m", "llama3", "--format", "json");
        Map<String, Object> json = Json.object(r.out());
        assertEquals(List.of("model", "tokenizer", "engine", "algorithm", "order", "text", "pieces", "count", "ids"),
                List.copyOf(json.keySet()));
        assertEquals("rank", json.get("order"));
        assertEquals(List.of(76460.0, 222.0), json.get("ids"));
        Map<?, ?> piece = (Map<?, ?>) ((List<?>) json.get("pieces")).get(0);
        assertEquals(List.of("<F0>", "<9F>", "<98>", "<80>"), piece.get("symbols"));
        Map<?, ?> merge = (Map<?, ?>) ((List<?>) piece.get("merges")).get(0);
        assertEquals(List.of("step", "position", "left", "right", "result", "leftBytes", "rightBytes", "id", "rank"),
                List.copyOf(((Map<String, ?>) merge).keySet()));
        assertEquals("<F0><9F>", merge.get("result"));
        assertEquals("f0", merge.get("leftBytes"));
        assertEquals(9468.0, merge.get("rank"));
    }

    /** Through the CLI too, the trace's final ids are encode's, on every edge case. */
    @ParameterizedTest
    @ValueSource(strings = {"llama3", "cl100k_base", "o200k_base"})
    void finalIdsEqualEncodeOnEveryEdgeCase(String model) {
        Tokenizer t = Tokenizers.get(model);
        for (EdgeCases.EdgeCase c : EdgeCases.load()) {
            Cli.Result r = Cli.run("explain", "-m", model, "--format", "json", "--", c.text());
            assertEquals(0, r.exitCode(), c.name() + ": " + r.err());
            List<?> ids = (List<?>) Json.object(r.out()).get("ids");
            int[] got = ids.stream().mapToInt(o -> ((Double) o).intValue()).toArray();
            assertArrayEquals(t.encode(c.text()), got, model + ": " + c.name());
        }
    }

    // SentencePiece: BPE by piece score (llama2, bundled) and Unigram (sentencepiece's test models, ../shared)

    static String testModel(String file) {
        return SharedData.require("models/sentencepiece-test/" + file).toString();
    }

    @Test
    void unhappinessOnLlama2() {
        assertEquals(new Cli.Result(0, ""
                + "llama2: SentencePiece BPE: start from the normalized text's characters, merge the adjacent pair whose"
                + " piece has the highest score first\n"
                + "\"unhappiness\": 1 word, 9 merges, 3 tokens\n"
                + "normalized: \"▁unhappiness\"\n"
                + "\n"
                + "word 1: \"▁unhappiness\" (12 characters)\n"
                + "  start: \"▁\" \"u\" \"n\" \"h\" \"a\" \"p\" \"p\" \"i\" \"n\" \"e\" \"s\" \"s\"\n"
                + "  1. \"i\" + \"n\"    → \"in\"    (score -3.0, id 262)\n"
                + "  2. \"e\" + \"s\"    → \"es\"    (score -8.0, id 267)\n"
                + "  3. \"▁\" + \"u\"    → \"▁u\"    (score -59.0, id 318)\n"
                + "  4. \"es\" + \"s\"   → \"ess\"   (score -145.0, id 404)\n"
                + "  5. \"p\" + \"p\"    → \"pp\"    (score -148.0, id 407)\n"
                + "  6. \"▁u\" + \"n\"   → \"▁un\"   (score -184.0, id 443)\n"
                + "  7. \"a\" + \"pp\"   → \"app\"   (score -673.0, id 932)\n"
                + "  8. \"in\" + \"ess\" → \"iness\" (score -3076.0, id 3335)\n"
                + "  9. \"▁un\" + \"h\"  → \"▁unh\"  (score -28600.0, id 28859)\n"
                + "  tokens: ▁unh|app|iness (28859 932 3335)\n"
                + "\n"
                + "3 tokens: ▁unh|app|iness\n"
                + "ids: 28859 932 3335\n", ""), Cli.run("explain", "unhappiness", "-m", "llama2"));
    }

    @Test
    void unhappinessOnTestModel() {
        assertEquals(new Cli.Result(0, ""
                + "test_model: Unigram: of every way to cut the normalized text into pieces, take the one whose pieces'"
                + " scores (log probabilities) sum highest\n"
                + "\"unhappiness\": 6 tokens, 5 segmentations shown\n"
                + "normalized: \"▁unhappiness\"\n"
                + "\n"
                + "best: ▁un|ha|p|p|i|ness    log p = -38.48\n"
                + "      piece   id  score\n"
                + "      ▁un    210  -7.13\n"
                + "      ha     414  -7.89\n"
                + "      p       29  -5.18\n"
                + "      p       29  -5.18\n"
                + "      i       25  -4.94\n"
                + "      ness   513  -8.17\n"
                + "2nd:  ▁un|h|a|p|p|i|ness   log p = -41.05  (-2.57 vs best)\n"
                + "3rd:  ▁un|ha|p|p|in|es|s   log p = -41.32  (-2.84 vs best)\n"
                + "4th:  ▁|un|ha|p|p|i|ness   log p = -41.52  (-3.04 vs best)\n"
                + "5th:  ▁un|ha|p|p|in|e|s|s  log p = -43.07  (-4.59 vs best)\n"
                + "\n"
                + "6 tokens: ▁un|ha|p|p|i|ness\n"
                + "ids: 210 414 29 29 25 513\n", ""), Cli.run("explain", "unhappiness", "-m", testModel("test_model.model")));
    }

    @Test
    void byteFallbackIsShownWhereItHappens() {
        String out = Cli.run("explain", "🦙 Hi", "-m", "llama2").out();
        assertTrue(out.contains("\nword 1: \"▁🦙\" (2 characters)\n"
                + "  start: \"▁\" \"🦙\"\n"
                + "  no pair of these is a piece: no merges\n"
                + "  \"🦙\" is no piece: byte fallback → <0xF0> <0x9F> <0xA6> <0x99> (243 162 169 156)\n"
                + "  tokens: ▁|<0xF0>|<0x9F>|<0xA6>|<0x99> (29871 243 162 169 156)\n"), out);
        assertTrue(out.contains("\n  1. \"▁\" + \"H\"  → \"▁H\"  (score -120.0, id 379)\n"
                + "  2. \"▁H\" + \"i\" → \"▁Hi\" (score -6065.0, id 6324)\n"), out);
    }

    @Test
    void unknownCharactersShareOneUnknownToken() {
        String out = Cli.run("explain", "Hello 日本", "-m", testModel("test_model.model"), "--nbest", "2").out();
        assertTrue(out.contains("\"Hello 日本\": 5 tokens, 2 segmentations shown\n"), out);
        assertTrue(out.contains("      日       0  -21.05  unknown: no piece\n"), out);
        assertTrue(out.contains("\n\"日\" is no piece: unknown → <unk> (0)\n"
                + "\"本\" is no piece: part of the unknown token before it\n"), out);
    }

    @Test
    void fewerSegmentationsThanAskedAreAllThereAre() {
        String out = Cli.run("explain", "a", "-m", testModel("test_model.model")).out();
        assertTrue(out.contains("\"a\": 1 token, 2 segmentations shown (all there are)\n"), out);
        assertTrue(out.contains("\n2nd:  ▁|a  log p = -8.05  (-3.87 vs best)\n"), out);
        String empty = Cli.run("explain", "", "-m", testModel("test_model.model")).out();
        assertTrue(empty.contains("\nbest: (nothing)  log p = 0.00\n\n0 tokens\n"), empty);
    }

    @Test
    void sentencePieceBpeJson() {
        Map<String, Object> json = Json.object(Cli.run("explain", "🦙", "-m", "llama2", "--format", "json").out());
        assertEquals(List.of("model", "tokenizer", "engine", "algorithm", "order", "text", "normalized", "pieces", "count", "ids"),
                List.copyOf(json.keySet()));
        assertEquals("score", json.get("order"));
        assertEquals("▁🦙", json.get("normalized"));
        Map<?, ?> piece = (Map<?, ?>) ((List<?>) json.get("pieces")).get(0);
        assertEquals(List.of("text", "start", "end", "bytes", "normalized", "symbols", "symbolIds", "userDefined", "merges",
                "fallbacks", "takenWhole", "tokens"), List.copyOf(((Map<String, ?>) piece).keySet()));
        assertEquals(List.of("▁", "🦙"), piece.get("symbols"));
        assertEquals(List.of(29871.0, 0.0), piece.get("symbolIds"));
        Map<?, ?> fallback = (Map<?, ?>) ((List<?>) piece.get("fallbacks")).get(0);
        assertEquals("bytes", fallback.get("kind"));
        assertEquals(1.0, fallback.get("position"));
        assertEquals("f09fa699", fallback.get("bytes"));
        assertEquals(List.of(243.0, 162.0, 169.0, 156.0), ((List<?>) fallback.get("tokens")).stream().map(t -> ((Map<?, ?>) t).get("id")).toList());
        Map<?, ?> merge = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) Json.object(
                Cli.run("explain", "unhappiness", "-m", "llama2", "--format", "json").out()).get("pieces")).get(0)).get("merges")).get(0);
        assertEquals(List.of("step", "position", "left", "right", "result", "leftBytes", "rightBytes", "id", "score"),
                List.copyOf(((Map<String, ?>) merge).keySet()));
        assertEquals(-3.0, merge.get("score"));
        assertEquals(262.0, merge.get("id"));
    }

    /** Unigram JSON: log p is the pieces' scores summed; the alternatives are distinct, sorted and below the best. */
    @Test
    void unigramJson() {
        Map<String, Object> json = Json.object(Cli.run("explain", "I saw a girl with a telescope.", "-m",
                testModel("test_model.model"), "--format", "json").out());
        assertEquals(List.of("model", "tokenizer", "engine", "algorithm", "text", "normalized", "best", "alternatives", "fallbacks",
                "tokens", "count", "ids"), List.copyOf(json.keySet()));
        Map<?, ?> best = (Map<?, ?>) json.get("best");
        assertEquals(List.of("pieces", "logProbability"), List.copyOf(((Map<String, ?>) best).keySet()));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) best.get("pieces")).get(0);
        assertEquals(List.of("piece", "id", "score", "start", "end", "unknown"), List.copyOf(((Map<String, ?>) first).keySet()));
        assertEquals("▁I", first.get("piece"));
        assertEquals(List.of(9.0, 459.0, 11.0, 939.0, 44.0, 11.0, 4.0, 142.0, 82.0, 8.0, 28.0, 21.0, 132.0, 6.0), json.get("ids"));
        List<?> alternatives = (List<?>) json.get("alternatives");
        assertEquals(4, alternatives.size());
        double previous = sum(best);
        Set<Object> seen = new HashSet<>();
        seen.add(best.get("pieces"));
        for (Object a : alternatives) {
            double logP = sum((Map<?, ?>) a);
            assertTrue(logP <= previous, "sorted: " + logP + " after " + previous);
            previous = logP;
            assertTrue(seen.add(((Map<?, ?>) a).get("pieces")), "distinct");
        }
    }

    /** A segmentation's logProbability, checked against its pieces' scores summed as the encoder sums them. */
    private static double sum(Map<?, ?> segmentation) {
        float acc = 0f;
        for (Object p : (List<?>) segmentation.get("pieces")) {
            acc = (float) ((float) (double) (Double) ((Map<?, ?>) p).get("score") + (double) acc);
        }
        double logP = (Double) segmentation.get("logProbability");
        assertEquals(acc, logP, 1e-5, "log p is the sum of the scores");
        return logP;
    }

    @Test
    void nbestIsForUnigramTracesOnly() {
        Cli.Result zero = Cli.run("explain", "x", "-m", "llama2", "--nbest", "0");
        assertEquals(new Cli.Result(2, "", "tokenlab: --nbest must be 1 to 100: 0\n"), zero);
        assertEquals(new Cli.Result(2, "", "tokenlab: --nbest is for Unigram models; llama2 is BPE, whose trace has one path\n"),
                Cli.run("explain", "x", "-m", "llama2", "--nbest", "3"));
        assertEquals(new Cli.Result(2, "", "tokenlab: --nbest is for Unigram traces, not --levels\n"),
                Cli.run("explain", "x", "--levels", "--nbest", "3"));
        assertEquals(2, Cli.run("explain", "x", "-m", "llama2", "--nbest", "many").exitCode());
    }

    @Test
    void levelsOnSentencePieceModels() {
        assertEquals(new Cli.Result(0, ""
                        + "\"I love machine learning!\" on llama2\n"
                        + "words        4  I|love|machine|learning\n"
                        + "tokens       5  ▁I|▁love|▁machine|▁learning|!\n"
                        + "characters  24  I|·|l|o|v|e|·|m|a|c|h|i|n|e|·|l|e|a|r|n|i|n|g|!\n", ""),
                Cli.run("explain", "--levels", "I love machine learning!", "-m", "llama2"));
        String model = testModel("test_model.model");
        assertEquals(new Cli.Result(0, ""
                        + "\"Ｈｅｌｌｏ 日本 world\" on " + model + " (test_model)\n"
                        + "words        4  Ｈｅｌｌｏ|日|本|world\n"
                        + "tokens       6  ▁He|ll|o|▁|<unk>|▁world\n"
                        + "characters  14  Ｈ|ｅ|ｌ|ｌ|ｏ|·|日|本|·|w|o|r|l|d\n", ""),
                Cli.run("explain", "--levels", "Ｈｅｌｌｏ 日本 world", "-m", model));
        Map<String, Object> json = Json.object(Cli.run("explain", "--levels", "🦙 hi", "-m", "llama2", "--format", "json").out());
        assertEquals(6.0, ((Map<?, ?>) json.get("tokens")).get("count"));
        assertEquals("<0xF0>", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) json.get("tokens")).get("items")).get(1)).get("visible"));
    }

    @Test
    void longTextsAreRefusedForSentencePieceToo() {
        Cli.Result r = Cli.run("explain", "-m", "llama2", "a".repeat(ExplainCommand.MAX_TRACE_CHARS + 1));
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().length);
        long start = System.nanoTime();
        assertEquals(0, Cli.run("explain", "-m", "llama2", "--format", "json", "a".repeat(ExplainCommand.MAX_TRACE_CHARS)).exitCode());
        assertEquals(0, Cli.run("explain", "-m", "llama2", "unhappiness ".repeat(ExplainCommand.MAX_TRACE_CHARS / 12)).exitCode());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "traces of the longest texts take seconds at most");
    }

    /** Through the CLI too, the trace's final ids are encode's, on every edge case of both files. */
    @ParameterizedTest
    @ValueSource(strings = {"llama2", "test_model.model", "test_ja_model.model"})
    void sentencePieceIdsEqualEncodeOnEveryEdgeCase(String name) {
        String model = name.equals("llama2") ? name : testModel(name);
        Tokenizer t = name.equals("llama2") ? Tokenizers.get(name) : Tokenizers.load(java.nio.file.Path.of(model));
        List<EdgeCases.EdgeCase> cases = new ArrayList<>(EdgeCases.load());
        cases.addAll(EdgeCases.load(SharedData.testdata().resolve("sentencepiece-edge-cases.txt")));
        for (EdgeCases.EdgeCase c : cases) {
            Cli.Result r = Cli.run("explain", "-m", model, "--format", "json", "--", c.text());
            assertEquals(0, r.exitCode(), c.name() + ": " + r.err());
            List<?> ids = (List<?>) Json.object(r.out()).get("ids");
            int[] got = ids.stream().mapToInt(o -> ((Double) o).intValue()).toArray();
            assertArrayEquals(t.encode(c.text()), got, name + ": " + c.name());
            Cli.Result text = Cli.run("explain", "-m", model, "--", c.text());
            assertEquals(0, text.exitCode(), c.name() + ": " + text.err());
            assertFalse(text.out().isEmpty(), c.name());
        }
    }

    // Hugging Face tokenizer.json models (../shared/models/hf; gzipped ones unpacked by HfModels)

    static String hf(String model) {
        return dev.tokenlab.hf.HfModels.folder(model).toString();
    }

    @Test
    void unhappinessOnLlama3TokenizerJson() {
        assertEquals(new Cli.Result(0, ""
                + "llama3: byte-level BPE by merge rank: start from the piece's bytes, merge the adjacent pair listed first in the"
                + " merge list (lowest merge rank) first\n"
                + "\"unhappiness\": 1 piece, 8 merges, 3 tokens\n"
                + "\n"
                + "piece 1: \"unhappiness\" (11 bytes)\n"
                + "  start: \"u\" \"n\" \"h\" \"a\" \"p\" \"p\" \"i\" \"n\" \"e\" \"s\" \"s\"\n"
                + "  1. \"i\" + \"n\"       → \"in\"       (merge rank 4, id 258)\n"
                + "  2. \"e\" + \"s\"       → \"es\"       (merge rank 50, id 288)\n"
                + "  3. \"u\" + \"n\"       → \"un\"       (merge rank 156, id 359)\n"
                + "  4. \"a\" + \"p\"       → \"ap\"       (merge rank 205, id 391)\n"
                + "  5. \"es\" + \"s\"      → \"ess\"      (merge rank 295, id 434)\n"
                + "  6. \"ap\" + \"p\"      → \"app\"      (merge rank 797, id 680)\n"
                + "  7. \"in\" + \"ess\"    → \"iness\"    (merge rank 3909, id 1918)\n"
                + "  8. \"app\" + \"iness\" → \"appiness\" (merge rank 166550, id 67391)\n"
                + "  tokens: un|h|appiness (359 71 67391)\n"
                + "\n"
                + "3 tokens: un|h|appiness\n"
                + "ids: 359 71 67391\n", ""), Cli.run("explain", "unhappiness", "-m", hf("llama3")));
    }

    @Test
    void unhappinessOnMistral() {
        assertEquals(new Cli.Result(0, ""
                + "mistral: BPE by merge rank: start from the piece's characters (<0xNN> byte pieces for a character not in the"
                + " vocabulary), merge the adjacent pair listed first in the merge list (lowest merge rank) first\n"
                + "\"unhappiness\": 1 piece, 9 merges, 3 tokens\n"
                + "normalized: \"▁unhappiness\"\n"
                + "\n"
                + "piece 1: \"▁unhappiness\" (12 characters)\n"
                + "  start: \"▁\" \"u\" \"n\" \"h\" \"a\" \"p\" \"p\" \"i\" \"n\" \"e\" \"s\" \"s\"\n"
                + "  1. \"i\" + \"n\"    → \"in\"    (merge rank 1, id 262)\n"
                + "  2. \"e\" + \"s\"    → \"es\"    (merge rank 14, id 274)\n"
                + "  3. \"▁\" + \"u\"    → \"▁u\"    (merge rank 82, id 332)\n"
                + "  4. \"a\" + \"p\"    → \"ap\"    (merge rank 142, id 377)\n"
                + "  5. \"es\" + \"s\"   → \"ess\"   (merge rank 191, id 409)\n"
                + "  6. \"▁u\" + \"n\"   → \"▁un\"   (merge rank 387, id 521)\n"
                + "  7. \"ap\" + \"p\"   → \"app\"   (merge rank 873, id 763)\n"
                + "  8. \"in\" + \"ess\" → \"iness\" (merge rank 2546, id 1494)\n"
                + "  9. \"▁un\" + \"h\"  → \"▁unh\"  (merge rank 43433, id 20581)\n"
                + "  tokens: ▁unh|app|iness (20581 763 1494)\n"
                + "\n"
                + "3 tokens: ▁unh|app|iness\n"
                + "ids: 20581 763 1494\n", ""), Cli.run("explain", "unhappiness", "-m", hf("mistral")));
    }

    @Test
    void byteFallbackAndAddedTokensOnTokenizerJsonModels() {
        String out = Cli.run("explain", "Hi 🦙", "-m", hf("mistral")).out();
        assertTrue(out.contains("\n  start: \"▁\" \"H\" \"i\" \"▁\" <0xF0> <0x9F> <0xA6> <0x99>\n"), out);
        assertTrue(out.contains("\n  \"🦙\" is no piece: byte fallback → <0xF0> <0x9F> <0xA6> <0x99> (243 162 169 156)\n"
                + "  tokens: ▁Hi|▁|<0xF0>|<0x9F>|<0xA6>|<0x99> (15359 28705 243 162 169 156)\n"), out);
        // Gemma's HTML tags are added tokens, not special: found in the text before the model
        String gemma = Cli.run("explain", "<b>hi</b>", "-m", hf("gemma3")).out();
        assertTrue(gemma.contains("\"<b>hi</b>\": 3 pieces, 1 merge, 3 tokens\n"), gemma);
        assertTrue(gemma.contains("\npiece 1: \"<b>\": an added token, found in the text before the model: taken as it is (id 200)\n"
                + "  tokens: <b> (200)\n"), gemma);
        // ignore_merges: a word that is a token is taken whole
        String llama = Cli.run("explain", " world", "-m", hf("llama3")).out();
        assertTrue(llama.contains("\n  the whole piece is token 1917: ignore_merges takes it as it is (the merges reach it too)\n"), llama);
    }

    @Test
    void unhappinessOnBert() {
        assertEquals(new Cli.Result(0, ""
                + "bert: WordPiece: from the start of each word take the longest vocabulary entry that matches (spelled with ##"
                + " after the first piece), then the same from where it ends; a word longer than 100 characters, or with a position"
                + " where nothing matches, is [UNK]\n"
                + "\"unhappiness\": 1 word, 4 tokens\n"
                + "\n"
                + "word 1: \"unhappiness\" (11 characters)\n"
                + "  at 0: \"un\"      (id 4895) after 9 longer candidates\n"
                + "  at 2: \"##ha\"    (id 3270) after 7 longer candidates\n"
                + "  at 4: \"##pp\"    (id 9397) after 5 longer candidates\n"
                + "  at 6: \"##iness\" (id 9961), the rest of the word\n"
                + "  tokens: un|##ha|##pp|##iness (4895 3270 9397 9961)\n"
                + "\n"
                + "4 tokens: un|##ha|##pp|##iness\n"
                + "ids: 4895 3270 9397 9961\n", ""), Cli.run("explain", "unhappiness", "-m", hf("bert")));
    }

    @Test
    void bertStepsUnknownWordsAndTheNormalizer() {
        String unaffable = Cli.run("explain", "unaffable", "-m", hf("bert")).out();
        assertTrue(unaffable.contains("\n  at 0: \"una\"   (id 14477) after 6 longer candidates\n"
                + "  at 3: \"##ffa\" (id 20961) after 3 longer candidates\n"
                + "  at 6: \"##ble\" (id 3468), the rest of the word\n"), unaffable);
        String longWord = Cli.run("explain", "a".repeat(101), "-m", hf("bert")).out();
        assertTrue(longWord.contains(" (101 characters)\n  longer than 100 characters: the whole word is [UNK]\n  tokens: [UNK] (100)\n"),
                longWord);
        String mixed = Cli.run("explain", "Héllo ☃x", "-m", hf("bert")).out();
        assertTrue(mixed.contains("\nnormalized: \"hello·☃x\"\n"), mixed);
        assertTrue(mixed.contains("\nword 2: \"☃x\" (2 characters)\n"
                + "  at 0: no entry matches, down to \"☃\" (2 candidates): the whole word is [UNK]\n"), mixed);
        assertEquals(new Cli.Result(2, "", "tokenlab: --nbest is for Unigram models; bert is WordPiece, whose trace has one path\n"),
                Cli.run("explain", "x", "-m", hf("bert"), "--nbest", "3"));
    }

    @Test
    void mergeRankJson() {
        Map<String, Object> json = Json.object(Cli.run("explain", "Hi 🦙", "-m", hf("mistral"), "--format", "json").out());
        assertEquals(List.of("model", "tokenizer", "engine", "algorithm", "order", "text", "normalized", "pieces", "count", "ids"),
                List.copyOf(json.keySet()));
        assertEquals("merge rank", json.get("order"));
        assertEquals("▁Hi▁🦙", json.get("normalized"));
        Map<?, ?> piece = (Map<?, ?>) ((List<?>) json.get("pieces")).get(0);
        assertEquals(List.of("text", "start", "end", "bytes", "normalized", "source", "symbols", "symbolIds", "merges", "fallbacks",
                "takenWhole", "tokens"), List.copyOf(((Map<String, ?>) piece).keySet()));
        assertEquals("model", piece.get("source"));
        assertEquals(List.of(28705.0, 28769.0, 28710.0, 28705.0, 243.0, 162.0, 169.0, 156.0), piece.get("symbolIds"));
        Map<?, ?> merge = (Map<?, ?>) ((List<?>) piece.get("merges")).get(0);
        assertEquals(List.of("step", "position", "left", "right", "result", "leftBytes", "rightBytes", "id", "rank"),
                List.copyOf(((Map<String, ?>) merge).keySet()));
        assertEquals(151.0, merge.get("rank"));
        assertEquals(382.0, merge.get("id"));
        Map<?, ?> fallback = (Map<?, ?>) ((List<?>) piece.get("fallbacks")).get(0);
        assertEquals("bytes", fallback.get("kind"));
        assertEquals(4.0, fallback.get("position"));
        assertEquals(List.of(15359.0, 28705.0, 243.0, 162.0, 169.0, 156.0), json.get("ids"));
    }

    @Test
    void wordPieceJson() {
        Map<String, Object> json = Json.object(Cli.run("explain", "unhappiness ☃", "-m", hf("bert"), "--format", "json").out());
        assertEquals(List.of("model", "tokenizer", "engine", "algorithm", "text", "normalized", "prefix", "maxInputCharsPerWord", "words",
                "count", "ids"), List.copyOf(json.keySet()));
        assertEquals("##", json.get("prefix"));
        assertEquals(100.0, json.get("maxInputCharsPerWord"));
        List<?> words = (List<?>) json.get("words");
        Map<?, ?> first = (Map<?, ?>) words.get(0);
        assertEquals(List.of("text", "start", "end", "word", "source", "steps", "unknown", "tokens"),
                List.copyOf(((Map<String, ?>) first).keySet()));
        Map<?, ?> step = (Map<?, ?>) ((List<?>) first.get("steps")).get(1);
        assertEquals(List.of("position", "length", "match", "id", "longerTried"), List.copyOf(((Map<String, ?>) step).keySet()));
        assertEquals("##ha", step.get("match"));
        assertEquals(7.0, step.get("longerTried"));
        Map<?, ?> snowman = (Map<?, ?>) words.get(1);
        assertEquals("no match", snowman.get("unknown"));
        Map<?, ?> none = (Map<?, ?>) ((List<?>) snowman.get("steps")).get(0);
        assertEquals(null, none.get("match"));
        assertEquals(null, none.get("id"));
        assertEquals(List.of(4895.0, 3270.0, 9397.0, 9961.0, 100.0), json.get("ids"));
    }

    @Test
    void levelsOnTokenizerJsonModels() {
        assertEquals(new Cli.Result(0, ""
                        + "\"I love machine learning!\" on " + hf("bert") + " (bert)\n"
                        + "words        4  I|love|machine|learning\n"
                        + "tokens       5  i|love|machine|learning|!\n"
                        + "characters  24  I|·|l|o|v|e|·|m|a|c|h|i|n|e|·|l|e|a|r|n|i|n|g|!\n", ""),
                Cli.run("explain", "--levels", "I love machine learning!", "-m", hf("bert")));
        String mistral = Cli.run("explain", "--levels", "unhappiness 🦙", "-m", hf("mistral")).out();
        assertTrue(mistral.contains("\ntokens       8  ▁unh|app|iness|▁|<0xF0>|<0x9F>|<0xA6>|<0x99>\n"), mistral);
    }

    /**
     * Through the CLI, the trace's final ids are encode's on every edge case, text and JSON, for a model
     * of each kind; Llama 3's tokenizer.json (9 MB, read again by every run) on every 15th case.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mistral", "bert", "llama3"})
    void tokenizerJsonIdsEqualEncodeOnEveryEdgeCase(String name) {
        String model = hf(name);
        Tokenizer t = Tokenizers.load(java.nio.file.Path.of(model));
        List<EdgeCases.EdgeCase> cases = new ArrayList<>(EdgeCases.load());
        cases.addAll(EdgeCases.load(SharedData.testdata().resolve("hf-edge-cases.txt")));
        int every = name.equals("llama3") ? 15 : 1;
        for (int k = 0; k < cases.size(); k += every) {
            EdgeCases.EdgeCase c = cases.get(k);
            Cli.Result r = Cli.run("explain", "-m", model, "--format", "json", "--", c.text());
            assertEquals(0, r.exitCode(), c.name() + ": " + r.err());
            List<?> ids = (List<?>) Json.object(r.out()).get("ids");
            int[] got = ids.stream().mapToInt(o -> ((Double) o).intValue()).toArray();
            assertArrayEquals(t.encode(c.text()), got, name + ": " + c.name());
            Cli.Result text = Cli.run("explain", "-m", model, "--", c.text());
            assertEquals(0, text.exitCode(), c.name() + ": " + text.err());
            assertFalse(text.out().isEmpty(), c.name());
        }
    }
}
