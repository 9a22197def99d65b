package dev.tokenlab.hf.hub;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.spi.ModelSource;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code hf:} end to end with a real model: Mistral's {@code tokenizer.json} served by a fake Hub on
 * 127.0.0.1, downloaded into a temporary {@code huggingface_hub} cache, opened, and giving the Rust
 * library's ids; then used again with the Hub gone and offline mode on; and an uncached model failing
 * cleanly offline.
 */
class HubEndToEndConformanceTest {
    private static final String COMMIT = FakeHub.commit("mistral");
    private static final TokenizerOptions ALLOW = TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll());

    @TempDir
    Path temp;

    @Test
    void aModelDownloadedOnceWorksOfflineAfterwards() throws IOException {
        Path folder = SharedData.require("models/hf/mistral");
        Map<String, String> env = new HashMap<>();
        env.put("HF_HUB_CACHE", temp.resolve("cache").toString());
        env.put("HF_HOME", temp.resolve("hf-home").toString());
        try (FakeHub hub = new FakeHub()) {
            env.put("HF_ENDPOINT", hub.endpoint());
            hub.repo("mistralai/Mistral-7B-v0.1")
                    .commit(COMMIT, Map.of("tokenizer.json", Files.readAllBytes(folder.resolve("tokenizer.json")),
                            "tokenizer_config.json", Files.readAllBytes(folder.resolve("tokenizer_config.json"))))
                    .ref("main", COMMIT).lfs("tokenizer.json");
            check(scheme(env).resolve("mistralai/Mistral-7B-v0.1"));
        }
        env.put("HF_HUB_OFFLINE", "1");
        check(scheme(env).resolve("mistralai/Mistral-7B-v0.1"));

        TokenizerException e = assertThrows(TokenizerException.class, () -> scheme(env).resolve("Qwen/Qwen3-8B"));
        assertEquals("hf:Qwen/Qwen3-8B is not in the Hugging Face cache (" + temp.resolve("cache")
                + ") and offline mode is on (HF_HUB_OFFLINE); download it once online, or unset HF_HUB_OFFLINE", e.getMessage());
    }

    private static HubScheme scheme(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        return new HubScheme(new HubEnvironment(copy::get, Path.of(copy.get("HF_HOME"))), true, HubScheme.MAX_DOWNLOAD_BYTES);
    }

    /** The resolved folder opens as Mistral and gives the Rust library's ids (testdata/golden/hf/mistral). */
    private static void check(ModelSource source) {
        assertEquals("hf:mistralai/Mistral-7B-v0.1", source.name());
        Tokenizer mistral = Tokenizers.load(source.path(), ALLOW);
        assertArrayEquals(new int[] {22557, 1526}, mistral.encode("Hello world"));
        assertArrayEquals(new int[] {1, 22557, 1526}, Tokenizers.load(source.path(), ALLOW.addSpecialTokens(true)).encode("Hello world"));
        assertArrayEquals(new int[] {1, 22557, 2}, mistral.encode("<s>Hello</s>"));
        assertEquals("Hello world", mistral.decode(new int[] {22557, 1526}));
    }
}
