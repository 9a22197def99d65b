package dev.tokenlab.hf.hub;

import dev.tokenlab.TokenizerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The environment read as {@code huggingface_hub} reads it: precedence, expansion, tokens, offline values. */
class HubEnvironmentTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private HubEnvironment environment() {
        return new HubEnvironment(Map.copyOf(env)::get, home);
    }

    @Test
    void theCacheFolderFollowsHuggingfaceHubsPrecedence() {
        assertEquals(home.resolve(".cache/huggingface/hub"), environment().cacheDir());
        env.put("XDG_CACHE_HOME", "/xdg");
        assertEquals(Path.of("/xdg/huggingface/hub"), environment().cacheDir());
        env.put("HF_HOME", "/hf-home");
        assertEquals(Path.of("/hf-home/hub"), environment().cacheDir());
        env.put("HUGGINGFACE_HUB_CACHE", "/legacy");
        assertEquals(Path.of("/legacy"), environment().cacheDir());
        env.put("HF_HUB_CACHE", "/hub-cache");
        assertEquals(Path.of("/hub-cache"), environment().cacheDir());
        env.put("HF_HUB_CACHE", "");
        assertEquals(Path.of("/legacy"), environment().cacheDir(), "empty counts as unset");
    }

    @Test
    void tildeAndVariablesExpandAsInPython() {
        env.put("HF_HOME", "~/hf");
        assertEquals(home.resolve("hf/hub"), environment().cacheDir());
        env.put("HF_HUB_CACHE", "~");
        assertEquals(home, environment().cacheDir());
        env.put("SCRATCH", "/scratch");
        env.put("HF_HUB_CACHE", "$SCRATCH/hub-${USER_NAME_UNSET}");
        assertEquals(Path.of("/scratch/hub-${USER_NAME_UNSET}"), environment().cacheDir(), "unknown variables stay as written");
        env.put("HF_HUB_CACHE", "${SCRATCH}/x");
        assertEquals(Path.of("/scratch/x"), environment().cacheDir());
    }

    @Test
    void theEndpointDefaultsToTheHubAndLosesTrailingSlashes() {
        assertEquals(URI.create("https://huggingface.co"), environment().endpoint());
        env.put("HF_ENDPOINT", "https://hf-mirror.com//");
        assertEquals(URI.create("https://hf-mirror.com"), environment().endpoint());
        env.put("HF_ENDPOINT", "http://10.0.0.1:8080/mirror/");
        assertEquals(URI.create("http://10.0.0.1:8080/mirror"), environment().endpoint());
        for (String bad : new String[] {"huggingface.co", "file:///tmp", "https://", "https://h/x?y=1", "ht tp://x"}) {
            env.put("HF_ENDPOINT", bad);
            assertEquals("HF_ENDPOINT \"" + bad + "\" is not an http(s) URL such as https://huggingface.co; fix or unset it",
                    assertThrows(TokenizerException.class, () -> environment().endpoint()).getMessage());
        }
    }

    @Test
    void offlineTakesHuggingfaceHubsTrueValues() {
        assertFalse(environment().offline());
        for (String on : new String[] {"1", "ON", "on", "YES", "yes", "TRUE", "True"}) {
            env.put("HF_HUB_OFFLINE", on);
            assertTrue(environment().offline(), on);
        }
        for (String off : new String[] {"0", "false", "no", "off", "2"}) {
            env.put("HF_HUB_OFFLINE", off);
            assertFalse(environment().offline(), off);
        }
        env.remove("HF_HUB_OFFLINE");
        env.put("TRANSFORMERS_OFFLINE", "1");
        assertTrue(environment().offline());
    }

    @Test
    void theTokenComesFromTheVariablesThenTheTokenFile() throws IOException {
        env.put("HF_HOME", home.resolve("hf").toString());
        assertEquals(Optional.empty(), environment().token());
        Files.createDirectories(home.resolve("hf"));
        Files.writeString(home.resolve("hf/token"), "  hf_file\r\n");
        assertEquals(Optional.of(new HubEnvironment.Token("hf_file", home.resolve("hf/token").toString())), environment().token());
        env.put("HF_TOKEN_PATH", "~/elsewhere");
        assertEquals(Optional.empty(), environment().token(), "HF_TOKEN_PATH replaces the default file");
        Files.writeString(home.resolve("elsewhere"), "hf_elsewhere");
        assertEquals("hf_elsewhere", environment().token().orElseThrow().value());
        env.put("HUGGING_FACE_HUB_TOKEN", "hf_legacy");
        assertEquals(new HubEnvironment.Token("hf_legacy", "HUGGING_FACE_HUB_TOKEN"), environment().token().orElseThrow());
        env.put("HF_TOKEN", "hf_new\n");
        assertEquals(new HubEnvironment.Token("hf_new", "HF_TOKEN"), environment().token().orElseThrow());
        env.put("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1");
        assertEquals(Optional.empty(), environment().token());
    }

    @Test
    void aTokenNeverShowsInText() {
        HubEnvironment.Token t = new HubEnvironment.Token("hf_secret", "HF_TOKEN");
        assertEquals("Token[from HF_TOKEN]", t.toString());
    }

    @Test
    void theTimeoutIsWholeSeconds() {
        assertEquals(Duration.ofSeconds(10), environment().timeout());
        env.put("HF_HUB_DOWNLOAD_TIMEOUT", "30");
        assertEquals(Duration.ofSeconds(30), environment().timeout());
        for (String bad : new String[] {"0", "-1", "1.5", "soon"}) {
            env.put("HF_HUB_DOWNLOAD_TIMEOUT", bad);
            assertEquals(Duration.ofSeconds(10), environment().timeout(), bad);
        }
    }

    @Test
    void etagsLoseQuotesAndTheWeakMark() {
        assertEquals("abc", HubDownloader.normalizeEtag("\"abc\""));
        assertEquals("abc", HubDownloader.normalizeEtag("W/\"abc\""));
        assertEquals("abc", HubDownloader.normalizeEtag("abc"));
        assertEquals(null, HubDownloader.normalizeEtag("\"\""));
        assertTrue(HubCache.isBlobName(FakeHub.sha256(new byte[0])));
        assertFalse(HubCache.isBlobName("../x"));
        assertFalse(HubCache.isBlobName("a/b"));
        assertFalse(HubCache.isBlobName(".."));
    }

    @Test
    void theTokenGoesOnlyToTheEndpointsOrigin() {
        URI hub = URI.create("https://huggingface.co");
        assertTrue(HubDownloader.sameOrigin(URI.create("https://huggingface.co/a/resolve/main/f"), hub));
        assertTrue(HubDownloader.sameOrigin(URI.create("https://HuggingFace.co:443/x"), hub));
        assertFalse(HubDownloader.sameOrigin(URI.create("https://cdn-lfs.huggingface.co/x"), hub));
        assertFalse(HubDownloader.sameOrigin(URI.create("http://huggingface.co/x"), hub));
        assertFalse(HubDownloader.sameOrigin(URI.create("https://huggingface.co:8443/x"), hub));
    }
}
