package dev.tokenlab.hf.hub;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.spi.ModelScheme;
import dev.tokenlab.spi.ModelSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hf:} against a fake Hub on 127.0.0.1 and a temporary cache, never the network or the real home
 * folder: the cache layout written (as {@code huggingface_hub} writes it), reuse without network, offline mode,
 * revisions, tokens and where they go, and every failure as one line with no file left behind.
 */
class HubSchemeTest {
    private static final String C_MAIN = FakeHub.commit("main");
    private static final String C_OLD = FakeHub.commit("old");
    private static final String C_DEV = FakeHub.commit("dev");
    private static final String C_PR = FakeHub.commit("pr");
    private static final byte[] TOKENIZER = FakeHub.content("tokenizer", 3000);
    private static final byte[] CONFIG = FakeHub.content("config", 400);
    private static final byte[] OLD_TOKENIZER = FakeHub.content("old tokenizer", 2000);
    private static final byte[] DEV_TOKENIZER = FakeHub.content("dev tokenizer", 2500);

    @TempDir
    Path temp;

    private FakeHub hub;
    private Path cache;
    private Path home;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub();
        cache = temp.resolve("hub-cache");
        home = temp.resolve("home");
        Files.createDirectories(home);
        env.put("HF_HUB_CACHE", cache.toString());
        env.put("HF_ENDPOINT", hub.endpoint());
        env.put("HF_HOME", temp.resolve("hf-home").toString()); // no token file there unless a test writes one
        hub.repo("Org/Model")
                .commit(C_MAIN, Map.of("tokenizer.json", TOKENIZER, "tokenizer_config.json", CONFIG, "config.json", CONFIG))
                .commit(C_OLD, Map.of("tokenizer.json", OLD_TOKENIZER))
                .commit(C_DEV, Map.of("tokenizer.json", DEV_TOKENIZER, "tokenizer_config.json", CONFIG))
                .commit(C_PR, Map.of("tokenizer.json", OLD_TOKENIZER))
                .ref("main", C_MAIN).ref("dev", C_DEV).ref("v1.0", C_OLD).ref("refs/pr/1", C_PR)
                .lfs("tokenizer.json");
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private HubScheme scheme() {
        return new HubScheme(new HubEnvironment(Map.copyOf(env)::get, home), true, HubScheme.MAX_DOWNLOAD_BYTES);
    }

    private ModelSource resolve(String name) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scheme().resolve(name));
    }

    private String failure(Class<? extends TokenizerException> type, String name) {
        return failure(type, scheme(), name);
    }

    private static String failure(Class<? extends TokenizerException> type, HubScheme scheme, String name) {
        TokenizerException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(type, () -> scheme.resolve(name)));
        assertEquals(type, e.getClass());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private Path repoDir(String folder) {
        return cache.resolve(folder);
    }

    /** Every file and link under {@code dir}, relative, with a link's target or a file's size. */
    private static Map<String, String> tree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return Map.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            Map<String, String> out = new TreeMap<>();
            for (Path p : all.toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "-> " + Files.readSymbolicLink(p).toString().replace('\\', '/'));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, Files.size(p) + " bytes");
                }
            }
            return out;
        }
    }

    @Test
    void firstUseDownloadsAndLaysOutTheCacheAsHuggingfaceHubDoes() throws IOException {
        ModelSource source = resolve("Org/Model");

        Path repo = repoDir("models--Org--Model");
        Path snapshot = repo.resolve("snapshots").resolve(C_MAIN);
        assertEquals(snapshot, source.path());
        assertEquals("hf:Org/Model", source.name());
        assertEquals("hf:Org/Model", source.location());
        assertTrue(source.isDirectory());
        String lfsEtag = FakeHub.sha256(TOKENIZER);
        String gitEtag = FakeHub.gitSha1(CONFIG);
        assertEquals(Map.of(
                "blobs/" + lfsEtag, TOKENIZER.length + " bytes",
                "blobs/" + gitEtag, CONFIG.length + " bytes",
                "refs/main", "40 bytes",
                "snapshots/" + C_MAIN + "/tokenizer.json", "-> ../../blobs/" + lfsEtag,
                "snapshots/" + C_MAIN + "/tokenizer_config.json", "-> ../../blobs/" + gitEtag), tree(repo));
        assertEquals(C_MAIN, Files.readString(repo.resolve("refs/main")), "the commit, with no newline");
        assertArrayEquals(TOKENIZER, Files.readAllBytes(source.file("tokenizer.json").orElseThrow()));
        assertArrayEquals(CONFIG, Files.readAllBytes(source.file("tokenizer_config.json").orElseThrow()));
        assertEquals(List.of("/Org/Model/resolve/main/tokenizer.json", "/Org/Model/resolve/" + C_MAIN + "/tokenizer_config.json"),
                FakeHub.paths(hub.requests("hub")), "the config is fetched at the commit tokenizer.json came from");
        assertEquals(List.of("/blobs/" + lfsEtag), FakeHub.paths(hub.requests("cdn")));
        assertEquals(Set.of("models--Org--Model"), Set.of(Files.list(cache).map(p -> p.getFileName().toString()).toArray(String[]::new)),
                "nothing else in the cache folder");
    }

    @Test
    void secondUseNeedsNoNetwork() throws IOException {
        Path first = resolve("Org/Model").path();
        Map<String, String> before = tree(cache);
        hub.close();
        assertEquals(first, resolve("Org/Model").path());
        env.put("HF_HUB_OFFLINE", "1");
        assertEquals(first, resolve("Org/Model").path());
        assertEquals(before, tree(cache), "nothing written the second time");
        assertEquals(2, hub.requests("hub").size());
    }

    @Test
    void offlineModeWithNothingCachedFailsInOneLine() {
        for (String on : List.of("1", "true", "YES", "On")) {
            env.put("HF_HUB_OFFLINE", on);
            assertEquals("hf:Org/Model is not in the Hugging Face cache (" + cache + ") and offline mode is on (HF_HUB_OFFLINE);"
                    + " download it once online, or unset HF_HUB_OFFLINE", failure(TokenizerException.class, "Org/Model"));
        }
        env.remove("HF_HUB_OFFLINE");
        env.put("TRANSFORMERS_OFFLINE", "1");
        failure(TokenizerException.class, "Org/Model@dev");
        assertEquals(List.of(), hub.requests, "offline: not one request");
        assertFalse(Files.exists(cache), "offline: nothing written");
    }

    @Test
    void offlineModeOffValuesAreOff() {
        env.put("HF_HUB_OFFLINE", "0");
        env.put("TRANSFORMERS_OFFLINE", "1"); // not consulted when HF_HUB_OFFLINE is set, as in huggingface_hub
        assertEquals(Path.of(cache.toString(), "models--Org--Model", "snapshots", C_MAIN), resolve("Org/Model").path());
    }

    @Test
    void aCommitRevisionNeedsNoRef() throws IOException {
        ModelSource source = resolve("Org/Model@" + C_OLD);
        Path repo = repoDir("models--Org--Model");
        assertEquals(repo.resolve("snapshots").resolve(C_OLD), source.path());
        assertEquals("hf:Org/Model@" + C_OLD, source.name());
        assertArrayEquals(OLD_TOKENIZER, Files.readAllBytes(source.path().resolve("tokenizer.json")));
        assertFalse(Files.exists(repo.resolve("refs")), "a commit needs no ref");
        assertTrue(Files.exists(repo.resolve(".no_exist").resolve(C_OLD).resolve("tokenizer_config.json")),
                "the missing config is recorded as huggingface_hub records it");
        assertFalse(Files.exists(source.path().resolve("tokenizer_config.json")));
        hub.close();
        assertEquals(source.path(), resolve("Org/Model@" + C_OLD).path());
    }

    @Test
    void branchAndTagRevisionsWriteTheirRefs() throws IOException {
        Path repo = repoDir("models--Org--Model");
        assertEquals(repo.resolve("snapshots").resolve(C_DEV), resolve("Org/Model@dev").path());
        assertEquals(C_DEV, Files.readString(repo.resolve("refs/dev")));
        assertEquals("hf:Org/Model@v1.0", resolve("Org/Model@v1.0").name());
        assertEquals(C_OLD, Files.readString(repo.resolve("refs/v1.0")));
        assertEquals(repo.resolve("snapshots").resolve(C_PR), resolve("Org/Model@refs/pr/1").path());
        assertEquals(C_PR, Files.readString(repo.resolve("refs/refs/pr/1")), "a ref with slashes nests, as in huggingface_hub");
        assertTrue(FakeHub.paths(hub.requests("hub")).contains("/Org/Model/resolve/refs%2Fpr%2F1/tokenizer.json"),
                "the revision's slashes are escaped in the URL");
        assertFalse(Files.exists(repo.resolve("refs/main")));
        hub.close();
        assertEquals(repo.resolve("snapshots").resolve(C_DEV), resolve("Org/Model@dev").path());
        assertEquals(repo.resolve("snapshots").resolve(C_PR), resolve("Org/Model@refs/pr/1").path());
    }

    @Test
    void aCacheMadeByPythonIsReusedWithoutNetwork() throws IOException {
        hub.close();
        // as huggingface_hub leaves it: a blob, a relative link, a ref; and a Windows-style copy for another commit
        Path repo = repoDir("models--meta-llama--Llama-3.2-1B");
        String etag = FakeHub.sha256(TOKENIZER);
        Files.createDirectories(repo.resolve("blobs"));
        Files.write(repo.resolve("blobs").resolve(etag), TOKENIZER);
        Path snapshot = repo.resolve("snapshots").resolve(C_MAIN);
        Files.createDirectories(snapshot);
        Files.createSymbolicLink(snapshot.resolve("tokenizer.json"), Path.of("..", "..", "blobs", etag));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), C_MAIN);
        Path copied = repo.resolve("snapshots").resolve(C_OLD);
        Files.createDirectories(copied);
        Files.write(copied.resolve("tokenizer.json"), OLD_TOKENIZER);

        ModelSource source = resolve("meta-llama/Llama-3.2-1B");
        assertEquals(snapshot, source.path());
        assertEquals("hf:meta-llama/Llama-3.2-1B", source.name());
        assertArrayEquals(TOKENIZER, Files.readAllBytes(source.file("tokenizer.json").orElseThrow()));
        assertEquals(copied, resolve("meta-llama/Llama-3.2-1B@" + C_OLD).path());
        assertEquals(List.of(), hub.requests);
    }

    @Test
    void aBrokenLinkOrABadRefCountsAsNotCached() throws IOException {
        Path repo = repoDir("models--Org--Model");
        Path snapshot = repo.resolve("snapshots").resolve(C_MAIN);
        Files.createDirectories(snapshot);
        Files.createSymbolicLink(snapshot.resolve("tokenizer.json"), Path.of("..", "..", "blobs", "gone"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), C_MAIN);
        Files.writeString(repo.resolve("refs/dev"), "../../../../etc");
        assertEquals(snapshot, resolve("Org/Model").path());
        assertArrayEquals(TOKENIZER, Files.readAllBytes(snapshot.resolve("tokenizer.json")));
        assertEquals(repo.resolve("snapshots").resolve(C_DEV), resolve("Org/Model@dev").path());
        assertEquals(C_DEV, Files.readString(repo.resolve("refs/dev")), "the bad ref is replaced");
    }

    @Test
    void whereLinksCannotBeMadeSnapshotsHoldCopies() throws IOException {
        HubScheme copying = new HubScheme(new HubEnvironment(Map.copyOf(env)::get, home), false, HubScheme.MAX_DOWNLOAD_BYTES);
        ModelSource source = copying.resolve("Org/Model");
        Path file = source.path().resolve("tokenizer.json");
        assertFalse(Files.isSymbolicLink(file));
        assertArrayEquals(TOKENIZER, Files.readAllBytes(file));
        assertTrue(Files.exists(repoDir("models--Org--Model").resolve("blobs").resolve(FakeHub.sha256(TOKENIZER))));
    }

    @Test
    void aGatedRepositoryWantsATokenWhoseAccountAcceptedTheLicence() throws IOException {
        hub.repo("Org/Model").gated = true;
        hub.validTokens.addAll(List.of("hf_approved", "hf_waiting"));
        hub.approvedTokens.add("hf_approved");
        String page = hub.endpoint() + "/Org/Model";

        assertEquals("hf:Org/Model is gated or private: accept its licence at " + page + " while signed in, then set HF_TOKEN"
                + " to a read token of that account (" + hub.endpoint() + "/settings/tokens)", failure(TokenizerException.class, "Org/Model"));
        env.put("HF_TOKEN", "hf_waiting");
        assertEquals("hf:Org/Model is gated and the token from HF_TOKEN has no access yet: accept its licence at " + page
                + " with that account (approval can take a while), or use a token of an account that has access",
                failure(TokenizerException.class, "Org/Model"));
        env.put("HF_TOKEN", "hf_wrong");
        assertEquals("hf:Org/Model: the Hub refused the token from HF_TOKEN (invalid or expired); create a new read token at "
                + hub.endpoint() + "/settings/tokens and set HF_TOKEN to it", failure(TokenizerException.class, "Org/Model"));
        assertEquals(Map.of(), tree(repoDir("models--Org--Model").resolve("snapshots")), "no snapshot after failures");

        env.put("HF_TOKEN", "hf_approved");
        assertArrayEquals(TOKENIZER, Files.readAllBytes(resolve("Org/Model").path().resolve("tokenizer.json")));
        assertEquals("Bearer hf_approved", hub.requests("hub").get(hub.requests("hub").size() - 1).authorization());
    }

    @Test
    void theTokenFileIsUsedWhenNoVariableIsSet() throws IOException {
        hub.repo("Org/Model").gated = true;
        hub.validTokens.add("hf_from_file");
        hub.approvedTokens.add("hf_from_file");
        Path hfHome = Path.of(env.get("HF_HOME"));
        Files.createDirectories(hfHome);
        Files.writeString(hfHome.resolve("token"), "hf_from_file\n");
        assertEquals(C_MAIN, resolve("Org/Model").path().getFileName().toString());
        assertEquals("Bearer hf_from_file", hub.requests("hub").get(0).authorization());

        hub.repo("Org/Model").ref("dev", C_DEV);
        Files.writeString(hfHome.resolve("token"), "hf_stale\n");
        assertTrue(failure(TokenizerException.class, "Org/Model@dev")
                .startsWith("hf:Org/Model@dev: the Hub refused the token from " + hfHome.resolve("token") + " (invalid or expired)"));
    }

    @Test
    void theTokenNeverGoesToAnotherHost() {
        hub.validTokens.add("hf_secret");
        env.put("HF_TOKEN", "hf_secret");
        resolve("Org/Model");
        assertEquals(List.of("Bearer hf_secret", "Bearer hf_secret"),
                hub.requests("hub").stream().map(FakeHub.Request::authorization).toList());
        assertEquals(1, hub.requests("cdn").size());
        assertNull(hub.requests("cdn").get(0).authorization(), "the CDN (another port: another origin) gets no token");
    }

    @Test
    void aRenamedRepositoryIsFollowedOnTheHubWithTheToken() throws IOException {
        hub.validTokens.add("hf_secret");
        env.put("HF_TOKEN", "hf_secret");
        hub.repo("Org/OldName").renamedTo = "Org/Model";
        ModelSource source = resolve("Org/OldName");
        assertEquals("hf:Org/OldName", source.name());
        assertEquals(repoDir("models--Org--OldName").resolve("snapshots").resolve(C_MAIN), source.path(),
                "cached under the name asked for, as huggingface_hub does");
        assertArrayEquals(TOKENIZER, Files.readAllBytes(source.path().resolve("tokenizer.json")));
        assertEquals("/Org/Model/resolve/main/tokenizer.json", hub.requests("hub").get(1).path());
        assertEquals("Bearer hf_secret", hub.requests("hub").get(1).authorization(), "same origin: the token goes along");
    }

    @Test
    void aKnownBlobIsNotDownloadedAgain() {
        resolve("Org/Model@" + C_PR);
        resolve("Org/Model@v1.0"); // same tokenizer.json blob, another commit
        assertEquals(1, hub.requests("cdn").size(), "the LFS blob was already in blobs/");
        assertTrue(Files.isRegularFile(repoDir("models--Org--Model").resolve("snapshots").resolve(C_OLD).resolve("tokenizer.json")));
    }

    @Test
    void missingRepositoriesRevisionsAndFilesAreNotFound() throws IOException {
        String page = hub.endpoint() + "/Org/Nothing";
        assertEquals("unknown Hugging Face repository \"hf:Org/Nothing\"; no such repository on " + hub.endpoint() + ", or it is"
                + " private or gated and HF_TOKEN is not set: check the name at " + page + ", or set HF_TOKEN",
                failure(TokenizerNotFoundException.class, "Org/Nothing"));
        hub.validTokens.add("hf_ok");
        env.put("HF_TOKEN", "hf_ok");
        assertEquals("unknown Hugging Face repository \"hf:Org/Nothing\"; no such repository on " + hub.endpoint() + ", or the"
                + " token from HF_TOKEN cannot see it: check the name at " + page + " and the token's access",
                failure(TokenizerNotFoundException.class, "Org/Nothing"));
        assertEquals("unknown Hugging Face revision \"hf:Org/Model@v9\"; the repository has no branch, tag or commit \"v9\": see "
                + hub.endpoint() + "/Org/Model/tree/main", failure(TokenizerNotFoundException.class, "Org/Model@v9"));
        hub.repo("Org/NoTokenizer").commit(C_MAIN, Map.of("config.json", CONFIG)).ref("main", C_MAIN);
        assertEquals("unknown Hugging Face tokenizer \"hf:Org/NoTokenizer\"; the repository has no tokenizer.json at revision main:"
                + " pick a repository that ships one (see " + hub.endpoint() + "/Org/NoTokenizer/tree/main)",
                failure(TokenizerNotFoundException.class, "Org/NoTokenizer"));
        assertEquals(Map.of(), tree(cache).entrySet().stream().filter(e -> !e.getKey().contains(".no_exist"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "nothing cached but absence markers");
    }

    @Test
    void anUnreachableEndpointIsNamed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        env.put("HF_ENDPOINT", "http://127.0.0.1:" + port + "/");
        assertEquals("hf:Org/Model is not cached and http://127.0.0.1:" + port + " cannot be reached (connection refused);"
                + " check the network, proxy or HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to use only cached models",
                failure(TokenizerException.class, "Org/Model"));
        assertEquals(Map.of(), tree(cache), "no file left behind");
    }

    @Test
    void aDownloadTooLargeIsRefused() throws IOException {
        hub.repo("Org/Model").lfs.clear();
        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.HUGE_DECLARED);
        assertEquals("hf:Org/Model: tokenizer.json is 629145600 bytes; Tokenlab refuses downloads over 512 MB, which no tokenizer"
                + " needs: check the repository", failure(TokenizerException.class, "Org/Model"));
        assertEquals(Map.of(), tree(cache), "refused before reading, nothing left");

        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.ENDLESS_CHUNKED);
        HubScheme small = new HubScheme(new HubEnvironment(Map.copyOf(env)::get, home), true, 10_000);
        assertEquals("hf:Org/Model: tokenizer.json is over 10000 bytes; Tokenlab refuses downloads that large, which no tokenizer"
                + " needs: check the repository", failure(TokenizerException.class, small, "Org/Model"));
        assertEquals(Map.of(), tree(cache), "stopped while reading, nothing left");
    }

    @Test
    void anLfsFileDeclaredTooLargeIsRefusedBeforeTheCdn() throws IOException {
        HubScheme small = new HubScheme(new HubEnvironment(Map.copyOf(env)::get, home), true, 1000);
        assertEquals("hf:Org/Model: tokenizer.json is 3000 bytes; Tokenlab refuses downloads over 1000 bytes, which no"
                + " tokenizer needs: check the repository", failure(TokenizerException.class, small, "Org/Model"));
        assertEquals(List.of(), hub.requests("cdn"));
        assertEquals(Map.of(), tree(cache));
    }

    @Test
    void aDownloadCutOffLeavesNoFile() throws IOException {
        hub.repo("Org/Model").lfs.clear();
        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.CUT_OFF);
        String message = failure(TokenizerException.class, "Org/Model");
        assertTrue(message.startsWith("hf:Org/Model: the download of tokenizer.json broke off after "), message);
        assertTrue(message.endsWith("; retry"), message);
        assertEquals(Map.of(), tree(cache), "no partial blob, no link, no ref");
    }

    @Test
    void aStalledDownloadTimesOut() throws IOException {
        env.put("HF_HUB_DOWNLOAD_TIMEOUT", "1");
        hub.repo("Org/Model").lfs.clear();
        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.STALL_BODY);
        long start = System.nanoTime();
        assertEquals("hf:Org/Model: the download of tokenizer.json stalled after 10 bytes, with no data for 1 s"
                + " (HF_HUB_DOWNLOAD_TIMEOUT); retry later", failure(TokenizerException.class, "Org/Model"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(8).toNanos());
        assertEquals(Map.of(), tree(cache));

        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.STALL_HEADERS);
        assertEquals("hf:Org/Model: " + hub.endpoint() + " did not answer within 1 s (HF_HUB_DOWNLOAD_TIMEOUT); check the"
                + " network, or retry later", failure(TokenizerException.class, "Org/Model"));
        assertEquals(Map.of(), tree(cache));
    }

    @Test
    void aSlowButSteadyDownloadIsNotCutShort() throws IOException {
        env.put("HF_HUB_DOWNLOAD_TIMEOUT", "1");
        hub.repo("Org/Model").lfs.clear();
        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.SLOW_STEADY);
        long start = System.nanoTime();
        ModelSource source = resolve("Org/Model");
        assertTrue(System.nanoTime() - start > Duration.ofMillis(2000).toNanos(), "the body took longer than the timeout");
        assertArrayEquals(TOKENIZER, Files.readAllBytes(source.path().resolve("tokenizer.json")));
    }

    @Test
    void serverTroubleIsOneLine() throws IOException {
        hub.repo("Org/Model").lfs.clear();
        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.SERVER_ERROR);
        assertEquals("hf:Org/Model: " + hub.endpoint() + " answered HTTP 503 for tokenizer.json; the Hub may be down: retry"
                + " later, or set HF_HUB_OFFLINE=1 to use only cached models", failure(TokenizerException.class, "Org/Model"));
        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.RATE_LIMITED);
        assertEquals("hf:Org/Model: the Hub is limiting requests from this machine (HTTP 429); wait a few minutes and retry,"
                + " or set HF_TOKEN (signed-in users get more)", failure(TokenizerException.class, "Org/Model"));
        hub.repo("Org/Model").trouble.put("tokenizer.json", FakeHub.Trouble.NO_COMMIT_HEADER);
        assertEquals("hf:Org/Model: 127.0.0.1 answered without an X-Repo-Commit header, so it is not the Hugging Face Hub;"
                + " check HF_ENDPOINT and any proxy", failure(TokenizerException.class, "Org/Model"));
        assertEquals(Map.of(), tree(cache));
    }

    @Test
    void malformedNamesFailBeforeAnyRequest() {
        String form = "; write hf:ORG/NAME or hf:ORG/NAME@REVISION, for example hf:Qwen/Qwen3-8B";
        Map<String, String> cases = new TreeMap<>(Map.ofEntries(
                Map.entry("Qwen", "hf:Qwen is not a Hugging Face model name: it has no ORG/ part" + form),
                Map.entry("/Qwen3-8B", "hf:/Qwen3-8B is not a Hugging Face model name: the ORG part is empty" + form),
                Map.entry("Qwen/", "hf:Qwen/ is not a Hugging Face model name: the NAME part is empty" + form),
                Map.entry("Qwen/a/b", "hf:Qwen/a/b is not a Hugging Face model name: it has more than one /" + form),
                Map.entry("../etc", "hf:../etc is not a Hugging Face model name: the ORG part cannot contain .. or --" + form),
                Map.entry("Qwen/..", "hf:Qwen/.. is not a Hugging Face model name: the NAME part cannot contain .. or --" + form),
                Map.entry("Qwen/a--b", "hf:Qwen/a--b is not a Hugging Face model name: the NAME part cannot contain .. or --" + form),
                Map.entry("Qwen/Qwen 3", "hf:Qwen/Qwen 3 is not a Hugging Face model name: the NAME part may hold only letters,"
                        + " digits, - _ and . (not first or last), at most 96 of them" + form),
                Map.entry("Qwen/.hidden", "hf:Qwen/.hidden is not a Hugging Face model name: the NAME part may hold only letters,"
                        + " digits, - _ and . (not first or last), at most 96 of them" + form),
                Map.entry("Qwen/Qwén", "hf:Qwen/Qwén is not a Hugging Face model name: the NAME part may hold only letters,"
                        + " digits, - _ and . (not first or last), at most 96 of them" + form),
                Map.entry("Qwen/" + "a".repeat(97), "hf:Qwen/" + "a".repeat(97) + " is not a Hugging Face model name: the NAME part"
                        + " may hold only letters, digits, - _ and . (not first or last), at most 96 of them" + form),
                Map.entry("Qwen/x.git", "hf:Qwen/x.git is not a Hugging Face model name: the NAME cannot end in .git" + form),
                Map.entry("Qwen/x@", "hf:Qwen/x@ is not a Hugging Face model name: the REVISION after @ is empty" + form),
                Map.entry("Qwen/x@../../etc", "hf:Qwen/x@../../etc is not a Hugging Face model name: the REVISION cannot contain .." + form),
                Map.entry("Qwen/x@a//b", "hf:Qwen/x@a//b is not a Hugging Face model name: the REVISION must be a branch, a tag or a"
                        + " commit: letters, digits, - _ . and / between parts" + form),
                Map.entry("Qwen/x@/abs", "hf:Qwen/x@/abs is not a Hugging Face model name: the REVISION must be a branch, a tag or a"
                        + " commit: letters, digits, - _ . and / between parts" + form),
                Map.entry("Qwen/x@a b", "hf:Qwen/x@a b is not a Hugging Face model name: the REVISION must be a branch, a tag or a"
                        + " commit: letters, digits, - _ . and / between parts" + form),
                Map.entry("Qwen/x@main\nX", "hf:Qwen/x@main X is not a Hugging Face model name: the REVISION must be a branch, a tag or a"
                        + " commit: letters, digits, - _ . and / between parts" + form)));
        cases.forEach((name, message) -> assertEquals(message, failure(TokenizerException.class, name), name));
        assertEquals(List.of(), hub.requests);
        assertFalse(Files.exists(cache));
    }

    @Test
    void aBadEndpointIsReported() {
        env.put("HF_ENDPOINT", "ftp://example.com");
        assertEquals("HF_ENDPOINT \"ftp://example.com\" is not an http(s) URL such as https://huggingface.co; fix or unset it",
                failure(TokenizerException.class, "Org/Model"));
    }

    @Test
    void theSchemeIsRegisteredAndOpenSendsNamesToIt() {
        ModelScheme hf = Tokenizers.schemes().stream().filter(s -> s.scheme().equals("hf")).findFirst().orElseThrow();
        assertEquals(HubScheme.class, hf.getClass());
        assertTrue(hf.description().contains("Hugging Face"));
        // a malformed name fails before the environment, the cache or the network is touched
        assertEquals("hf:Qwen is not a Hugging Face model name: it has no ORG/ part; write hf:ORG/NAME or hf:ORG/NAME@REVISION,"
                + " for example hf:Qwen/Qwen3-8B", assertThrows(TokenizerException.class, () -> Tokenizers.open("hf:Qwen")).getMessage());
    }

    @Test
    void aSnapshotAlreadyCompleteIsTakenAsItIs() throws IOException {
        // tokenizer.json is what decides: a snapshot without the config (Python fetched only tokenizer.json) is used as it is
        Path repo = repoDir("models--Org--Model");
        Files.createDirectories(repo.resolve("snapshots").resolve(C_MAIN));
        Files.write(repo.resolve("snapshots").resolve(C_MAIN).resolve("tokenizer.json"), TOKENIZER);
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), C_MAIN + "\n"); // tolerated, though Python writes no newline
        assertEquals(repo.resolve("snapshots").resolve(C_MAIN), resolve("Org/Model").path());
        assertEquals(List.of(), hub.requests);
        assertArrayEquals(TOKENIZER, Files.readAllBytes(repo.resolve("snapshots").resolve(C_MAIN).resolve("tokenizer.json")));
        assertEquals(C_MAIN + "\n", Files.readString(repo.resolve("refs/main"), StandardCharsets.UTF_8));
    }
}
