package dev.tokenlab.gguf.ollama;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.gguf.GgufWriter;
import dev.tokenlab.spi.ModelSource;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An Ollama store built in a temporary folder as Ollama lays it out: manifests, params and blobs. */
class OllamaSchemeTest {
    @TempDir
    Path home;

    private Path models() {
        return home.resolve(".ollama/models");
    }

    private OllamaScheme scheme(Map<String, String> env) {
        return new OllamaScheme(new OllamaEnvironment(env::get, home, home.resolve("service")));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a blob; returns its digest. */
    private String blob(Path store, byte[] content) throws IOException {
        String hex = sha256(content);
        Files.createDirectories(store.resolve("blobs"));
        Files.write(store.resolve("blobs/sha256-" + hex), content);
        return "sha256:" + hex;
    }

    private Path manifest(Path store, String relative, String modelDigest, String paramsDigest) throws IOException {
        String layers = "{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"" + modelDigest + "\",\"size\":1}"
                + (paramsDigest == null ? "" : ",{\"mediaType\":\"application/vnd.ollama.image.params\",\"digest\":\"" + paramsDigest
                + "\",\"size\":2}")
                + ",{\"mediaType\":\"application/vnd.ollama.image.template\",\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":3}";
        String json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"sha256:" + "1".repeat(64)
                + "\",\"size\":4},\"layers\":[" + layers + "]}";
        Path p = store.resolve("manifests").resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, json);
        return p;
    }

    private Path toyStore() throws IOException {
        Path store = models();
        String model = blob(store, GgufWriter.toyByteLevel("gpt-2").bytes());
        String params = blob(store, "{\"num_ctx\":2048,\"stop\":[\"<|bos|>\",\"\\n\\n\"],\"temperature\":0.7}".getBytes(StandardCharsets.UTF_8));
        manifest(store, "registry.ollama.ai/library/toy/latest", model, params);
        manifest(store, "registry.ollama.ai/library/toy/7b", model, null);
        manifest(store, "registry.ollama.ai/alice/toy/q4", model, params);
        manifest(store, "hf.co/org/Toy-GGUF/Q4_K_M", model, params);
        return store;
    }

    @Test
    void resolvesNamesAsOllamaStoresThem() throws IOException {
        Path store = toyStore();
        OllamaScheme s = scheme(Map.of());
        assertEquals(store.resolve("manifests/registry.ollama.ai/library/toy/latest"), s.resolve("toy").path());
        assertEquals("ollama:toy:latest", s.resolve("toy").name());
        assertEquals(store.resolve("manifests/registry.ollama.ai/library/toy/7b"), s.resolve("toy:7b").path());
        assertEquals(store.resolve("manifests/registry.ollama.ai/alice/toy/q4"), s.resolve("alice/toy:q4").path());
        assertEquals(store.resolve("manifests/hf.co/org/Toy-GGUF/Q4_K_M"), s.resolve("hf.co/org/Toy-GGUF:Q4_K_M").path());
        assertEquals("ollama:hf.co/org/Toy-GGUF:Q4_K_M", s.resolve("hf.co/org/toy-gguf:q4_k_m").name().replace("toy-gguf:q4_k_m", "Toy-GGUF:Q4_K_M"));
        assertEquals(store.resolve("manifests/registry.ollama.ai/library/toy/latest"), s.resolve("TOY").path());
    }

    @Test
    void loadsTheModelLayerAndReadsTheParams() throws IOException {
        toyStore();
        Tokenizer t = new OllamaModelFormat().load(scheme(Map.of()).resolve("toy"), TokenizerOptions.defaults());
        assertEquals("ollama:toy:latest", t.name());
        assertArrayEquals(new int[] {257}, t.encode("abc"));
        assertEquals(OptionalInt.of(4096), t.describe().contextLength());
        assertEquals(List.of("ollama num_ctx: 2048 (from the model's params layer); the model was trained for 4096 tokens, Ollama gives it 2048",
                "ollama stop: \"<|bos|>\" \"\\n\\n\""), t.describe().notes().subList(0, 2));
        Tokenizer noParams = new OllamaModelFormat().load(scheme(Map.of()).resolve("toy:7b"), TokenizerOptions.defaults());
        assertTrue(noParams.describe().notes().get(0).startsWith("ollama num_ctx: not set"), noParams.describe().notes().toString());
    }

    @Test
    void findsTheStoreAsOllamaDoes() throws IOException {
        Path custom = home.resolve("elsewhere");
        Files.createDirectories(custom.resolve("manifests"));
        assertEquals(custom, scheme(Map.of("OLLAMA_MODELS", custom.toString())).store().dir());
        assertEquals(home.resolve("elsewhere"), scheme(Map.of("OLLAMA_MODELS", "~/elsewhere")).store().dir());
        // no ~/.ollama/models: the Linux service's folder, when it exists
        Files.createDirectories(home.resolve("service"));
        assertEquals(home.resolve("service"), scheme(Map.of()).store().dir());
        Files.createDirectories(models());
        assertEquals(models(), scheme(Map.of()).store().dir());
    }

    @Test
    void aMissingModelListsTheCloseLocalOnes() throws IOException {
        toyStore();
        TokenizerNotFoundException e = assertThrows(TokenizerNotFoundException.class, () -> scheme(Map.of()).resolve("toy:13b"));
        assertEquals("unknown Ollama model \"ollama:toy:13b\"; did you mean ollama:alice/toy:q4, ollama:toy:7b, ollama:toy:latest, ollama:hf.co/org/Toy-GGUF:Q4_K_M?; it is not in "
                + models() + " (~/.ollama/models); pull it with: ollama pull toy:13b", e.getMessage());
        assertEquals("ollama:a/b/c/d is not an Ollama model name ([HOST/][NAMESPACE/]MODEL[:TAG]): more than HOST/NAMESPACE/MODEL",
                assertThrows(TokenizerException.class, () -> scheme(Map.of()).resolve("a/b/c/d")).getMessage());
        assertEquals("ollama:../x is not an Ollama model name ([HOST/][NAMESPACE/]MODEL[:TAG]): \"..\" is not a valid name part (letters, digits, _ . -)",
                assertThrows(TokenizerException.class, () -> scheme(Map.of()).resolve("../x")).getMessage());
        assertTrue(assertThrows(TokenizerException.class, () -> scheme(Map.of("OLLAMA_MODELS", home.resolve("none").toString()))
                .resolve("toy")).getMessage().startsWith("ollama:toy: no Ollama models folder at "));
    }

    @Test
    void aBrokenStoreFailsInOneLine() throws IOException {
        Path store = models();
        String missing = "sha256:" + "a".repeat(64);
        manifest(store, "registry.ollama.ai/library/gone/latest", missing, null);
        String notGguf = blob(store, "PK\u0003\u0004 not a model".getBytes(StandardCharsets.ISO_8859_1));
        manifest(store, "registry.ollama.ai/library/zip/latest", notGguf, null);
        String truncated = blob(store, "GGUF\u0003\u0000".getBytes(StandardCharsets.ISO_8859_1));
        manifest(store, "registry.ollama.ai/library/cut/latest", truncated, null);
        Path badManifest = store.resolve("manifests/registry.ollama.ai/library/bad/latest");
        Files.createDirectories(badManifest.getParent());
        Files.writeString(badManifest, "{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"md5:x\"}]}");

        assertEquals("ollama:gone:latest: the model layer " + missing + " is missing from " + store.resolve("blobs") + " (no sha256-"
                + "a".repeat(64) + "); the store is incomplete: pull the model again", loadError("gone"));
        assertEquals("ollama:zip:latest: the model layer blobs/sha256-" + notGguf.substring(7) + " is not a GGUF file (it starts with"
                + " \"PK\\x03\\x04\")", loadError("zip"));
        assertEquals("ollama:cut:latest (blobs/sha256-" + truncated.substring(7) + "): byte 4: expected the version (4 bytes), but the"
                + " file ends at byte 6", loadError("cut"));
        assertEquals("ollama:bad:latest: $.layers[0].digest: expected sha256:<64 lower-case hex digits>,"
                + " found \"md5:x\"", loadError("bad"));
    }

    private String loadError(String name) {
        ModelSource source = scheme(Map.of()).resolve(name);
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> new OllamaModelFormat().load(source, TokenizerOptions.defaults()));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void isRegisteredAsAFormatAndAScheme() throws IOException {
        assertTrue(Tokenizers.schemes().stream().anyMatch(s -> s.scheme().equals("ollama")));
        Path manifest = toyStore().resolve("manifests/registry.ollama.ai/library/toy/latest");
        assertArrayEquals(new int[] {257}, Tokenizers.load(manifest).encode("abc"));
    }

    /** The example: a store built like Ollama's, {@code ollama:llama3.1} gives Llama 3's ids. */
    @Test
    void llama31FromAStoreLikeOllamas() throws IOException {
        Path gguf = SharedData.require("models/gguf/llama3.gguf");
        Path store = models();
        String digest = blob(store, Files.readAllBytes(gguf));
        manifest(store, "registry.ollama.ai/library/llama3.1/latest", digest, null);
        Tokenizer t = new OllamaModelFormat().load(scheme(Map.of()).resolve("llama3.1"), TokenizerOptions.defaults());
        assertArrayEquals(new int[] {9906, 1917}, t.encode("Hello world"));
    }
}
