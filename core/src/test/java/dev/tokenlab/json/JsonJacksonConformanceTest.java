package dev.tokenlab.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.tokenlab.testing.SharedData;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reader against Jackson's streaming parser (test scope only), configured as strictly: the same
 * tree for every document both accept, on random documents, damaged ones and the real
 * {@code tokenizer.json} files in {@code ../shared}.
 *
 * <p>Where they may differ, and why: Jackson accepts lone surrogate escapes, some ill-formed UTF-8
 * (overlong forms, encoded surrogates), a byte order mark and a NUL right after a top-level {@code 0} (read as the
 * end of the input), which this reader rejects as
 * serde_json does. Nothing else: whatever Jackson rejects, the reader must reject too.
 */
class JsonJacksonConformanceTest {
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JsonReader.DEFAULT_MAX_DEPTH)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Jackson's tree of {@code json}, in this package's types. */
    static JsonValue jackson(byte[] json) throws IOException {
        try (JsonParser p = JACKSON.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("no value");
            }
            JsonValue v = read(p, first);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new IOException("a second value: " + after);
            }
            return v;
        }
    }

    private static JsonValue read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    members.put(key, read(p, p.nextToken()));
                }
                return JsonTrees.object(members);
            }
            case START_ARRAY -> {
                List<JsonValue> values = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    values.add(read(p, e));
                }
                return JsonTrees.array(values);
            }
            case VALUE_STRING -> {
                return new JsonString(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return JsonTrees.num(p.getText());
            }
            case VALUE_TRUE -> {
                return JsonBoolean.TRUE;
            }
            case VALUE_FALSE -> {
                return JsonBoolean.FALSE;
            }
            case VALUE_NULL -> {
                return JsonNull.NULL;
            }
            default -> throw new IOException("unexpected token " + t);
        }
    }

    /** Both accept with the same tree, or both reject, or only this reader rejects, for one of the known reasons. */
    static void agree(byte[] json) {
        JsonValue ours = null;
        JsonException ourError = null;
        try {
            ours = JsonReader.parse(json, "t.json");
        } catch (JsonException e) {
            ourError = e;
        }
        JsonValue theirs = null;
        IOException theirError = null;
        try {
            theirs = jackson(json);
        } catch (IOException e) {
            theirError = e;
        }
        String shown = new String(json, StandardCharsets.UTF_8);
        if (ourError == null && theirError == null) {
            assertEquals(theirs, ours, shown);
        } else if (ourError == null) {
            fail("Jackson rejects what the reader accepts: " + theirError.getMessage() + "\ninput: " + shown);
        } else if (theirError == null) {
            String m = ourError.getMessage();
            assertTrue(m.contains("surrogate") || m.contains("(not UTF-8)") || m.contains("byte order mark")
                            || m.contains("after the JSON value, found the control character U+0000"),
                    "the reader rejects what Jackson accepts: " + m + "\ninput: " + shown);
        }
    }

    @Provide
    Arbitrary<JsonValue> trees() {
        return JsonArbitraries.trees();
    }

    @Property(tries = 500)
    void sameTreesForRandomDocuments(@ForAll("trees") JsonValue tree, @ForAll long seed) throws IOException {
        byte[] json = JsonTestWriter.write(tree, new Random(seed));
        assertEquals(tree, jackson(json));
        assertEquals(tree, JsonReader.parse(json, "t.json"));
    }

    @Property(tries = 1000)
    void sameVerdictsForDamagedDocuments(@ForAll("trees") JsonValue tree, @ForAll long seed) {
        Random random = new Random(seed);
        agree(JsonRoundTripPropertiesTest.mutate(JsonTestWriter.write(tree, random), random));
    }

    @Test
    void knownDifferences() throws IOException {
        // Jackson takes these; the reader, like serde_json, does not.
        for (String json : List.of("\"\\ud800\"", "\"\\udc00x\"", "\uFEFF{}", "0\u0000")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            jackson(bytes);
            agree(bytes);
        }
        // And where both are strict.
        for (String json : List.of("[1,]", "{\"a\":1,\"a\":2}", "01", "NaN", "\"\t\"", "[1 2]", "{\"a\" 1}", "1.", "-", "//", "'a'")) {
            agree(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @TestFactory
    Stream<DynamicTest> sameTreesForTheSharedTokenizerFiles() throws IOException {
        Path hf = SharedData.require("models/hf");
        List<Path> files;
        try (Stream<Path> s = Files.walk(hf)) {
            files = s.filter(p -> p.getFileName().toString().matches("tokenizer(_config)?\\.json(\\.gz)?")).sorted().toList();
        }
        assertTrue(files.size() >= 13, "expected the tokenizer.json of 7 models and the tokenizer_config.json of 6, found " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(hf.relativize(file).toString(), () -> {
            byte[] json = read(file);
            JsonValue ours = JsonReader.parse(json, file.getFileName().toString());
            assertEquals(jackson(json), ours);
        }));
    }

    @Test
    void whatTheRealFilesHold() {
        JsonObject qwen = JsonReader.parseObject(read(SharedData.require("models/hf/qwen3/tokenizer.json.gz")), "tokenizer.json");
        JsonObject model = qwen.object("model");
        assertEquals("BPE", model.string("type"));
        assertEquals(151643, model.object("vocab").size());
        assertEquals(279, model.object("vocab").integer("Ġthe"));
        assertEquals(151387, model.array("merges").size());
        assertEquals(List.of("Ġ", "Ġ"), List.of(model.array("merges").array(0).string(0), model.array("merges").array(0).string(1)));
        assertEquals(false, model.bool("byte_fallback", true));
        assertEquals(java.util.Optional.empty(), model.optionalString("unk_token"));
        assertEquals(java.util.OptionalDouble.empty(), model.optionalNumber("dropout"));
        assertEquals("Sequence", qwen.object("pre_tokenizer").string("type"));
        JsonObject added = qwen.array("added_tokens").object(0);
        assertEquals(151643, added.integer("id"));
        assertEquals("<|endoftext|>", added.string("content"));
        assertEquals(true, added.bool("special"));

        JsonObject gemma = JsonReader.parseObject(read(SharedData.require("models/hf/gemma3/tokenizer.json.gz")), "tokenizer.json");
        model = gemma.object("model");
        assertEquals(262144, model.object("vocab").size());
        assertEquals(0, model.object("vocab").integer("<pad>"));
        assertEquals(506, model.object("vocab").integer("▁the"));
        assertEquals(514906, model.array("merges").size());
        assertEquals("\n".repeat(30), model.array("merges").array(0).string(0));
        assertEquals(true, model.bool("byte_fallback"));
        assertEquals(java.util.Optional.of("<unk>"), model.optionalString("unk_token"));
    }

    private static byte[] read(Path file) {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
