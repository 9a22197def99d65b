package dev.tokenlab.gguf;

import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerDescription;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.hf.pipeline.ByteLevelAlphabet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GGUF tokenizers built from small vocabularies written by {@link GgufWriter}: llama.cpp's rules one by one. */
class GgufTokenizerTest {
    @TempDir
    Path dir;

    static GgufWriter toyBpe(String pre) {
        return GgufWriter.toyByteLevel(pre);
    }

    private Tokenizer load(GgufWriter w) throws IOException {
        return Tokenizers.load(w.write(dir.resolve("toy.gguf")));
    }

    private String loadError(GgufWriter w) throws IOException {
        Path p = w.write(dir.resolve("bad.gguf"));
        return assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(p)).getMessage().replace(p.toString(), "bad.gguf");
    }

    @Test
    void mergesByRankOverTheByteAlphabet() throws IOException {
        Tokenizer t = load(toyBpe("gpt-2"));
        int space = ' '; // token b is byte b
        // "abc" one piece, " abc" another (GPT-2's pattern); Ġ never merges here
        assertArrayEquals(new int[] {257, space, 257}, t.encode("abc abc"));
        assertArrayEquals(new int[] {256, 'd'}, t.encode("abd"));
        assertEquals("abc abc", t.decode(t.encode("abc abc")));
        assertEquals("toy", t.name());
        assertEquals(261, t.vocabularySize());
    }

    @Test
    void controlTokensOnlyWithParseSpecialUserDefinedAlways() throws IOException {
        Tokenizer t = load(toyBpe("gpt-2"));
        int[] asText = t.encode("<|bos|>");
        assertTrue(asText.length > 1);
        assertArrayEquals(new int[] {258}, t.encode("<|bos|>", SpecialTokens.allowAll()));
        assertEquals(Map.of("<|bos|>", 258), t.specialTokens());
        assertThrows(SpecialTokenException.class, () -> t.encode("a<|bos|>", SpecialTokens.disallowAll()));
        // USER_DEFINED tokens are cut whatever the policy, longest first: "yzw" before "xy", though "xy" starts first
        assertArrayEquals(new int[] {'x', 260}, t.encode("xyzw"));
        assertArrayEquals(new int[] {259, 'z'}, t.encode("xyz"));
    }

    @Test
    void addSpecialPutsTheBosTheFileAsksFor() throws IOException {
        Path p = toyBpe("gpt-2").write(dir.resolve("toy.gguf"));
        Tokenizer t = Tokenizers.load(p, TokenizerOptions.defaults().addSpecialTokens(true));
        assertArrayEquals(new int[] {258, 257}, t.encode("abc"));
        assertArrayEquals(new int[] {258}, t.encode(""));
        assertEquals(OptionalInt.of(258), t.bosId());
    }

    @Test
    void describesTheFile() throws IOException {
        TokenizerDescription d = load(toyBpe("llama-bpe")).describe();
        assertEquals("GGUF", d.format());
        assertEquals(OptionalInt.of(4096), d.contextLength());
        assertEquals(Map.of("default", "{{ messages }}", "tool_use", "{{ tools }}"), d.chatTemplates());
        assertEquals("<|bos|>", d.specialTokenNames().get("bos_token"));
        assertEquals(List.of("special tokens", "pre-tokenizer", "model", "post-processor"), d.stages().stream().map(TokenizerDescription.Stage::name).toList());
        assertTrue(d.stages().get(2).description().contains("ignore_merges"), d.stages().get(2).description());
    }

    @Test
    void ignoreMergesTakesAWholePieceThatIsAToken() throws IOException {
        // llama-bpe ignores merges: "abc" is one token whatever the merges say; without a merge "b c" it still is
        GgufWriter w = toyBpe("llama-bpe");
        Tokenizer t = load(w);
        assertArrayEquals(new int[] {257}, t.encode("abc"));
    }

    @Test
    void refusesWhatLlamaCppRefuses() throws IOException {
        assertEquals("bad.gguf: tokenizer.ggml.pre is \"mystery\", a pre-tokenizer Tokenlab does not know; supported: "
                + String.join(", ", LlamaPreTokenizers.names()), loadError(toyBpe("mystery")));
        assertEquals("bad.gguf: tokenizer.ggml.model is \"rwkv\", a tokenizer Tokenlab does not read; supported: gpt2, llama, bert",
                loadError(new GgufWriter().string("tokenizer.ggml.model", "rwkv")));
        assertEquals("bad.gguf: no tokenizer.ggml.model: the file holds no tokenizer", loadError(new GgufWriter().string("general.name", "x")));
        assertEquals("bad.gguf: no tokenizer.ggml.tokens: the file holds no vocabulary",
                loadError(new GgufWriter().string("tokenizer.ggml.model", "gpt2").string("tokenizer.ggml.pre", "gpt-2")));
        assertEquals("bad.gguf: token 1 (\"a\") repeats token 0; llama.cpp refuses a vocabulary with a token twice",
                loadError(new GgufWriter().string("tokenizer.ggml.model", "llama").strings("tokenizer.ggml.tokens", List.of("a", "a"))));
        assertEquals("bad.gguf: tokenizer.ggml.token_type has 1 entries for 2 tokens",
                loadError(new GgufWriter().string("tokenizer.ggml.model", "llama").strings("tokenizer.ggml.tokens", List.of("a", "b"))
                        .ints("tokenizer.ggml.token_type", 1)));
    }

    /** Every tokenizer.ggml.pre name Tokenlab knows builds (its regexes compile on core's engine) and splits text whole. */
    @Test
    void everyKnownPreTokenizerSplits() {
        String text = "Hello, WORLD's 12345 ﬁ 漢字かな 한국어 😀\t\n  x\u00A0y";
        for (String name : LlamaPreTokenizers.names()) {
            LlamaSplitter s = LlamaPreTokenizers.splitter(LlamaPreTokenizers.type(name));
            StringBuilder joined = new StringBuilder();
            s.split(text, 0, text.length(), (a, b) -> {
                joined.append(text, a, b);
                return true;
            });
            assertEquals(text, joined.toString(), name);
        }
    }

    @Test
    void missingPreIsLlamaCppsDefault() throws IOException {
        Tokenizer t = load(toyBpe(null));
        assertTrue(t.describe().notes().get(0).startsWith("no tokenizer.ggml.pre"), t.describe().notes().toString());
        assertArrayEquals(new int[] {257}, t.encode("abc"));
    }

    @Test
    void spmPutsASpaceBeforeTextAndAfterSpecialTokens() throws IOException {
        // ids: 0 <unk> UNKNOWN, 1 <s> CONTROL, 2 </s> CONTROL, 3..258 <0x00>..<0xFF> BYTE, 259 ▁, 260 a, 261 ▁a, 262 b
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
        List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(6);
            scores.add(0f);
        }
        tokens.addAll(List.of("▁", "a", "▁a", "b"));
        types.addAll(List.of(1, 1, 1, 1));
        scores.addAll(List.of(-1f, -2f, -0.5f, -3f));
        float[] sc = new float[scores.size()];
        for (int i = 0; i < sc.length; i++) {
            sc[i] = scores.get(i);
        }
        GgufWriter w = new GgufWriter().string("tokenizer.ggml.model", "llama").strings("tokenizer.ggml.tokens", tokens)
                .ints("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray()).floats("tokenizer.ggml.scores", sc);
        Tokenizer t = load(w);
        assertArrayEquals(new int[] {261, 262}, t.encode("ab"));
        assertArrayEquals(new int[] {261, 1, 261}, t.encode("a<s>a", SpecialTokens.allowAll()));
        assertArrayEquals(new int[] {261, 3 + 0xC3, 3 + 0xA9}, t.encode("aé"));
        Tokenizer added = Tokenizers.load(dir.resolve("toy.gguf"), TokenizerOptions.defaults().addSpecialTokens(true));
        assertArrayEquals(new int[] {1, 261}, added.encode("a"));
        assertEquals(" a", new String(t.tokenBytes(261)));
    }
}
