package dev.tokenlab.hf.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Hugging Face Hub on 127.0.0.1 for tests, answering {@code GET /ORG/NAME/resolve/REVISION/FILE} as the Hub
 * does: {@code X-Repo-Commit}, a quoted {@code ETag} (the git blob SHA-1) for ordinary files, a 302 with
 * {@code X-Linked-Etag} (SHA-256) and {@code X-Linked-Size} to a second server (the "CDN", another port, so
 * another origin) for LFS files, {@code X-Error-Code} on 401/403/404, gated repositories that want a token
 * whose account has accepted the licence, and misbehaviours on demand (stalling, cutting off, lying about
 * sizes). Every request is recorded with its {@code Authorization} header.
 */
final class FakeHub implements AutoCloseable {
    /** One request as a server saw it. */
    record Request(String server, String path, String authorization) {
    }

    /** What a file's answer should do wrong. */
    enum Trouble { NONE, SLOW_STEADY, STALL_BODY, STALL_HEADERS, CUT_OFF, HUGE_DECLARED, ENDLESS_CHUNKED, NO_COMMIT_HEADER, SERVER_ERROR, RATE_LIMITED }

    /** A repository: branches and tags to commits, commits to files. */
    static final class Repo {
        final Map<String, String> refs = new ConcurrentHashMap<>();
        final Map<String, Map<String, byte[]>> commits = new ConcurrentHashMap<>();
        final Set<String> lfs = ConcurrentHashMap.newKeySet();
        final Map<String, Trouble> trouble = new ConcurrentHashMap<>();
        volatile boolean gated;
        volatile String renamedTo;

        Repo commit(String commit, Map<String, byte[]> files) {
            commits.put(commit, Map.copyOf(files));
            return this;
        }

        Repo ref(String name, String commit) {
            refs.put(name, commit);
            return this;
        }

        Repo lfs(String file) {
            lfs.add(file);
            return this;
        }
    }

    /** Tokens of accounts the Hub knows, and those whose account accepted gated licences. */
    final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    final Set<String> approvedTokens = ConcurrentHashMap.newKeySet();
    final Map<String, Repo> repos = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-hub");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, byte[]> cdnBlobs = new ConcurrentHashMap<>();

    FakeHub() throws IOException {
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.setExecutor(executor);
        cdn.setExecutor(executor);
        hub.createContext("/", this::hub);
        cdn.createContext("/", this::cdn);
        hub.start();
        cdn.start();
    }

    /** {@code http://127.0.0.1:PORT}, for {@code HF_ENDPOINT}. */
    String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    /** The CDN's base URL (same address, another port). */
    String cdnEndpoint() {
        return "http://127.0.0.1:" + cdn.getAddress().getPort();
    }

    Repo repo(String id) {
        return repos.computeIfAbsent(id, k -> new Repo());
    }

    /** Requests one of the servers ({@code hub} or {@code cdn}) saw. */
    List<Request> requests(String server) {
        return requests.stream().filter(r -> r.server().equals(server)).toList();
    }

    /** Stops both servers: from now on nothing answers on their ports. */
    @Override
    public void close() {
        release.countDown();
        hub.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }

    private void hub(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request("hub", path, auth));
        try {
            String[] parts = path.split("/", -1); // "", ORG, NAME, "resolve", REVISION, FILE
            if (parts.length != 6 || !parts[3].equals("resolve")) {
                send(ex, 404, null);
                return;
            }
            String id = parts[1] + "/" + parts[2];
            String revision = parts[4].replace("%2F", "/");
            String file = parts[5];
            Repo repo = repos.get(id);
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            if (token != null && !validTokens.contains(token)) {
                ex.getResponseHeaders().add("X-Error-Message", "Invalid credentials in Authorization header");
                send(ex, 401, null);
                return;
            }
            if (repo != null && repo.renamedTo != null) {
                ex.getResponseHeaders().add("Location", "/" + repo.renamedTo + "/resolve/" + parts[4] + "/" + file);
                send(ex, 307, null);
                return;
            }
            if (repo == null) {
                ex.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
                ex.getResponseHeaders().add("X-Error-Message", "Repository not found");
                send(ex, token == null ? 401 : 404, null);
                return;
            }
            if (repo.gated && (token == null || !approvedTokens.contains(token))) {
                ex.getResponseHeaders().add("X-Error-Code", "GatedRepo");
                ex.getResponseHeaders().add("X-Error-Message", "Access to model " + id + " is restricted.");
                send(ex, token == null ? 401 : 403, null);
                return;
            }
            String commit = repo.refs.getOrDefault(revision, repo.commits.containsKey(revision) ? revision : null);
            if (commit == null) {
                ex.getResponseHeaders().add("X-Error-Code", "RevisionNotFound");
                send(ex, 404, null);
                return;
            }
            Trouble trouble = repo.trouble.getOrDefault(file, Trouble.NONE);
            if (trouble != Trouble.NO_COMMIT_HEADER) {
                ex.getResponseHeaders().add("X-Repo-Commit", commit);
            }
            byte[] content = repo.commits.get(commit).get(file);
            if (content == null) {
                ex.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
                send(ex, 404, null);
                return;
            }
            if (repo.lfs.contains(file)) {
                String sha256 = sha256(content);
                cdnBlobs.put(sha256, content);
                ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256 + "\"");
                ex.getResponseHeaders().add("X-Linked-Size", Long.toString(content.length));
                ex.getResponseHeaders().add("ETag", "W/\"redirect-" + commit + "\"");
                ex.getResponseHeaders().add("Location", cdnEndpoint() + "/blobs/" + sha256 + "?signed=yes");
                send(ex, 302, null);
                return;
            }
            ex.getResponseHeaders().add("ETag", "\"" + gitSha1(content) + "\"");
            answer(ex, content, trouble);
        } finally {
            ex.close();
        }
    }

    private void cdn(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        requests.add(new Request("cdn", path, ex.getRequestHeaders().getFirst("Authorization")));
        try {
            byte[] content = path.startsWith("/blobs/") ? cdnBlobs.get(path.substring("/blobs/".length())) : null;
            if (content == null) {
                send(ex, 404, null);
                return;
            }
            ex.getResponseHeaders().add("ETag", "\"cdn-" + content.length + "\"");
            answer(ex, content, Trouble.NONE);
        } finally {
            ex.close();
        }
    }

    private void answer(HttpExchange ex, byte[] content, Trouble trouble) throws IOException {
        switch (trouble) {
            case STALL_HEADERS -> await();
            case SLOW_STEADY -> {
                ex.sendResponseHeaders(200, content.length);
                int piece = (content.length + 24) / 25;
                for (int off = 0; off < content.length; off += piece) {
                    ex.getResponseBody().write(content, off, Math.min(piece, content.length - off));
                    ex.getResponseBody().flush();
                    sleep(100);
                }
            }
            case STALL_BODY -> {
                ex.sendResponseHeaders(200, content.length);
                ex.getResponseBody().write(content, 0, Math.min(10, content.length));
                ex.getResponseBody().flush();
                await();
            }
            case CUT_OFF -> {
                ex.sendResponseHeaders(200, content.length);
                ex.getResponseBody().write(content, 0, content.length / 10);
                ex.getResponseBody().flush();
                // closing with bytes still owed makes the server drop the connection
            }
            case HUGE_DECLARED -> ex.sendResponseHeaders(200, 600L << 20);
            case ENDLESS_CHUNKED -> {
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                byte[] chunk = new byte[4096];
                try {
                    for (int i = 0; i < 10_000; i++) {
                        out.write(chunk);
                    }
                } catch (IOException expected) {
                    // the client hung up, as it should
                }
            }
            case SERVER_ERROR -> send(ex, 503, null);
            case RATE_LIMITED -> send(ex, 429, null);
            default -> send(ex, 200, content);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void await() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** The git blob SHA-1 of {@code content}: the ETag the Hub gives a file stored in git. */
    static String gitSha1(byte[] content) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            d.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The SHA-256 of {@code content}: the ETag the Hub gives an LFS file. */
    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code n} bytes of JSON-ish text, different for each {@code seed}. */
    static byte[] content(String seed, int n) {
        StringBuilder b = new StringBuilder("{\"seed\":\"" + seed + "\",\"pad\":\"");
        while (b.length() < n - 2) {
            b.append((char) ('a' + b.length() % 26));
        }
        b.append("\"}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A commit hash made from {@code seed}. */
    static String commit(String seed) {
        return gitSha1(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** Lists what {@code requests} hold, for messages. */
    static List<String> paths(List<Request> requests) {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.path()));
        return out;
    }
}
