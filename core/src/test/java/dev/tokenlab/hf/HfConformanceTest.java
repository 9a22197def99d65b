package dev.tokenlab.hf;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seven shared {@code tokenizer.json} models against the Rust {@code tokenizers} library's own
 * ids: every edge case, the seeded random strings and every corpus file, with special-token text
 * matched (Hugging Face's {@code encode} — Tokenlab's {@code SpecialTokens.allowAll()}), without and
 * with the model's special tokens added; decodes and offsets of the edge cases too.
 */
class HfConformanceTest {
    private static final TokenizerOptions ALLOW = TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll());

    @TestFactory
    List<DynamicNode> everyModelMatchesTheRustLibrary() {
        List<DynamicNode> models = new ArrayList<>();
        for (String model : HfModels.ALL) {
            models.add(DynamicContainer.dynamicContainer(model, List.of(
                    DynamicTest.dynamicTest("edge cases", () -> edgeCases(model)),
                    DynamicTest.dynamicTest("random strings", () -> random(model)),
                    DynamicTest.dynamicTest("corpus", () -> corpus(model)))));
        }
        return models;
    }

    private static Tokenizer open(String model, boolean addSpecial) {
        return Tokenizers.load(HfModels.folder(model), ALLOW.addSpecialTokens(addSpecial));
    }

    private static void edgeCases(String model) {
        List<String> failures = HfGolden.compare(open(model, false), open(model, true), HfGolden.edgeCases(model));
        assertEquals(List.of(), failures, model + ": " + failures.size() + " edge cases differ");
    }

    private static void random(String model) {
        Tokenizer plain = open(model, false);
        Tokenizer withSpecials = open(model, true);
        for (HfGolden.Row row : HfGolden.random(model)) {
            assertArrayEquals(row.ids(), plain.encode(row.text()), () -> model + " " + row.name() + ": " + row.text());
            assertArrayEquals(row.idsWithSpecials(), withSpecials.encode(row.text()), () -> model + " " + row.name() + " with specials");
            assertEquals(row.ids().length, plain.count(row.text()), () -> model + " " + row.name() + ": count");
        }
    }

    private static void corpus(String model) throws IOException {
        Tokenizer plain = open(model, false);
        Tokenizer withSpecials = open(model, true);
        List<HfGolden.CorpusRow> rows = HfGolden.corpus(model);
        assertEquals(SharedData.corpusFiles().size(), rows.size(), "corpus rows");
        for (HfGolden.CorpusRow row : rows) {
            String text = Files.readString(SharedData.corpus().resolve(row.path()));
            int[] ids = plain.encode(text);
            assertEquals(row.count(), ids.length, () -> model + " " + row.path() + ": count");
            assertEquals(row.count(), plain.count(text), () -> model + " " + row.path() + ": count without ids");
            assertEquals(row.sha(), sha(ids), () -> model + " " + row.path() + ": ids");
            assertEquals(row.countWithSpecials(), withSpecials.count(text), () -> model + " " + row.path() + ": count with specials");
            assertEquals(row.decodeSha(), sha(plain.decode(ids).getBytes(StandardCharsets.UTF_8)), () -> model + " " + row.path() + ": decode");
        }
    }

    private static String sha(int[] ids) {
        return sha(Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" ")).getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
