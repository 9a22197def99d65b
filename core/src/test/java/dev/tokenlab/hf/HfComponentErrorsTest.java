package dev.tokenlab.hf;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every component Tokenlab does not support, and every malformed one, fails loading with one line that
 * names the JSON path of the component and what is wrong; what the Rust library refuses only while
 * encoding (an unknown token without an unknown id) fails encoding the same way.
 */
class HfComponentErrorsTest {
    private static final String WORD_LEVEL = "{\"type\":\"WordLevel\",\"vocab\":{\"[UNK]\":0,\"a\":1},\"unk_token\":\"[UNK]\"}";

    /** A tokenizer.json with the given parts (JSON text or null). */
    static String json(String normalizer, String preTokenizer, String model, String postProcessor, String decoder) {
        return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":" + normalizer
                + ",\"pre_tokenizer\":" + preTokenizer + ",\"post_processor\":" + postProcessor + ",\"decoder\":" + decoder
                + ",\"model\":" + model + "}";
    }

    static HfTokenizer load(String json) {
        return TokenizerJson.read("t", json.getBytes(StandardCharsets.UTF_8), "tokenizer.json", null, null, TokenizerOptions.defaults());
    }

    /** Loading fails with one line holding {@code path} and {@code words}. */
    static void fails(String json, String path, String words) {
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> load(json));
        String message = e.getMessage();
        assertFalse(message.contains("\n"), () -> "one line: " + message);
        assertTrue(message.startsWith("tokenizer.json: " + path + ":") || message.startsWith("tokenizer.json: " + path + "."),
                () -> "names " + path + ": " + message);
        assertTrue(message.contains(words), () -> "says \"" + words + "\": " + message);
    }

    @ParameterizedTest(name = "normalizer {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"Nope\"}|$.normalizer.type|unknown normalizer \"Nope\"",
        "{\"type\":\"Precompiled\",\"precompiled_charsmap\":null}|$.normalizer.precompiled_charsmap|found null",
        "{\"type\":\"Precompiled\"}|$.normalizer.precompiled_charsmap|found no such key",
        "{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"\"}|$.normalizer.precompiled_charsmap|0 bytes",
        "{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"%%%\"}|$.normalizer.precompiled_charsmap|not base64",
        "{\"type\":\"Precompiled\",\"precompiled_charsmap\":\"/////wAAAAA=\"}|$.normalizer.precompiled_charsmap|trie",
        "{\"type\":\"Replace\",\"pattern\":\"a\",\"content\":\"b\"}|$.normalizer.pattern|expected an object",
        "{\"type\":\"Replace\",\"pattern\":{\"Glob\":\"a\"},\"content\":\"b\"}|$.normalizer.pattern.String|expected {\"String\"",
        "{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"(\"},\"content\":\"b\"}|$.normalizer.pattern.Regex|cannot compile /(/",
        "{\"type\":\"Replace\",\"pattern\":{\"String\":\"a\"}}|$.normalizer.content|found no such key",
        "{\"type\":\"Strip\",\"strip_left\":true}|$.normalizer.strip_right|found no such key",
        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Nmt\"},{\"type\":\"Nope\"}]}|$.normalizer.normalizers[1].type|unknown normalizer",
    })
    void normalizers(String normalizer, String path, String words) {
        fails(json(normalizer, null, WORD_LEVEL, null, null), path, words);
    }

    @ParameterizedTest(name = "pre-tokenizer {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"Nope\"}|$.pre_tokenizer.type|unknown pre-tokenizer \"Nope\"",
        "{\"type\":\"Digits\"}|$.pre_tokenizer.individual_digits|found no such key",
        "{\"type\":\"Punctuation\",\"behavior\":null}|$.pre_tokenizer.behavior|expected a string",
        "{\"type\":\"Punctuation\",\"behavior\":\"isolated\"}|$.pre_tokenizer.behavior|expected Removed, Isolated",
        "{\"type\":\"CharDelimiterSplit\",\"delimiter\":\"ab\"}|$.pre_tokenizer.delimiter|expected one character",
        "{\"type\":\"CharDelimiterSplit\"}|$.pre_tokenizer.delimiter|found no such key",
        "{\"type\":\"FixedLength\",\"length\":0}|$.pre_tokenizer.length|at least 1",
        "{\"type\":\"Split\",\"pattern\":{\"String\":\"-\"},\"behavior\":\"Removed\"}|$.pre_tokenizer.invert|found no such key",
        "{\"type\":\"ByteLevel\",\"trim_offsets\":false}|$.pre_tokenizer.add_prefix_space|found no such key",
        "{\"type\":\"Metaspace\",\"replacement\":\"_\",\"add_prefix_space\":false,\"prepend_scheme\":\"always\"}|$.pre_tokenizer.add_prefix_space|does not match",
        "{\"type\":\"Metaspace\",\"replacement\":\"__\"}|$.pre_tokenizer.replacement|expected one character",
        "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Whitespace\"},{\"type\":\"Nope\"}]}|$.pre_tokenizer.pretokenizers[1].type|unknown pre-tokenizer \"Nope\"",
    })
    void preTokenizers(String pre, String path, String words) {
        fails(json(null, pre, WORD_LEVEL, null, null), path, words);
    }

    @ParameterizedTest(name = "model {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"Nope\",\"vocab\":{}}|$.model.type|expected BPE, WordPiece, Unigram or WordLevel",
        "{\"type\":\"Unigram\"}|$.model.vocab|Missing vocab",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[]}|$.model.vocab|EmptyVocabulary",
        "{\"type\":\"Unigram\",\"unk_id\":3,\"vocab\":[[\"a\",-1.0]]}|$.model.unk_id|UnkIdNotInVocabulary",
        "{\"type\":\"Unigram\",\"unk_id\":-1,\"vocab\":[[\"a\",-1.0]]}|$.model.unk_id|expected an id",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"a\",-1.0]],\"byte_fallback\":null}|$.model.byte_fallback|true or false",
        "{\"type\":\"Unigram\",\"vocab\":[[\"a\"]]}|$.model.vocab[0]|expected [piece, score]",
        "{\"type\":\"Unigram\",\"vocab\":[[\"a\",\"b\"]]}|$.model.vocab[0][1]|a number",
        "{\"type\":\"WordLevel\",\"vocab\":{\"a\":0}}|$.model.unk_token|found no such key",
        "{\"type\":\"WordLevel\",\"vocab\":{\"a\":0,\"b\":0},\"unk_token\":\"a\"}|$.model.vocab.b|also the id",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":[],\"dropout\":0.5}|$.model.dropout|dropout",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":[\"a b\"]}|$.model.merges[0]|Token `b` out of vocabulary",
        "{\"type\":\"WordPiece\",\"vocab\":{\"a\":0},\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":5}|$.model.unk_token|Missing [UNK] token",
    })
    void models(String model, String path, String words) {
        fails(json(null, null, model, null, null), path, words);
    }

    @ParameterizedTest(name = "decoder {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"Nope\"}|$.decoder.type|unknown decoder \"Nope\"",
        "{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"[\"},\"content\":\"\"}|$.decoder.pattern.Regex|cannot compile",
        "{\"type\":\"Strip\",\"content\":\"ab\",\"start\":1,\"stop\":0}|$.decoder.content|expected one character",
        "{\"type\":\"WordPiece\",\"prefix\":\"##\"}|$.decoder.cleanup|found no such key",
    })
    void decoders(String decoder, String path, String words) {
        fails(json(null, null, WORD_LEVEL, null, decoder), path, words);
    }

    @ParameterizedTest(name = "post-processor {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"Nope\"}|$.post_processor.type|unknown post-processor \"Nope\"",
        "{\"type\":\"RobertaProcessing\",\"sep\":[\"</s>\"],\"cls\":[\"<s>\",0]}|$.post_processor.sep|expected [token, id]",
        "{\"type\":\"ByteLevel\",\"trim_offsets\":true}|$.post_processor.add_prefix_space|found no such key",
    })
    void postProcessors(String post, String path, String words) {
        fails(json(null, null, WORD_LEVEL, post, null), path, words);
    }

    @Test
    void anUnknownTokenWithoutAnUnknownIdFailsEncodingAsInRust() {
        HfTokenizer unigram = load(json(null, null, "{\"type\":\"Unigram\",\"vocab\":[[\"a\",-1.0],[\"ab\",-1.0]]}", null, null));
        assertEquals(2, unigram.encode("aab").length); // covered: "b" alone needs no unknown piece
        TokenizerException e = assertThrows(TokenizerException.class, () -> unigram.encode("ax"));
        assertEquals("Encountered an unknown token but `unk_id` is missing", e.getMessage());

        HfTokenizer wordLevel = load(json(null, null, "{\"type\":\"WordLevel\",\"vocab\":{\"a\":0},\"unk_token\":\"[UNK]\"}", null, null));
        assertEquals(1, wordLevel.encode("a").length);
        e = assertThrows(TokenizerException.class, () -> wordLevel.encode("b"));
        assertEquals("WordLevel error: Missing [UNK] token from the vocabulary", e.getMessage());
    }
}
