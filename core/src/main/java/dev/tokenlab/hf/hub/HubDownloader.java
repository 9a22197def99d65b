package dev.tokenlab.hf.hub;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * Downloads one file of one repository from the Hub into the cache's {@code blobs/}, the way
 * {@code huggingface_hub}'s {@code hf_hub_download} does: {@code GET ENDPOINT/ORG/NAME/resolve/REVISION/FILE},
 * the commit from {@code X-Repo-Commit}, the blob's name from {@code X-Linked-Etag} (LFS files) or
 * {@code ETag} without quotes or {@code W/}, redirects followed by hand (the Hub sends LFS files to a CDN),
 * and the token sent only to the endpoint's own scheme, host and port, never to a CDN or any other host.
 *
 * <p>Nothing hangs and nothing half-written stays: connecting is limited to 10 s, waiting for an answer
 * and for each next piece of the body to {@link HubEnvironment#timeout()}, a whole download to 30 minutes;
 * the body goes to a temporary file that is moved into place only when complete (and as long as
 * {@code Content-Length} promised) and deleted otherwise; anything larger than the size limit is refused,
 * before reading when the server declares its size. Every failure is a {@link TokenizerException} with one
 * line that names the repository and says what to do.
 */
final class HubDownloader {
    /** Connecting to the endpoint (or a CDN) gives up after this long. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_REDIRECTS = 10;
    private static final long MAX_TOTAL_NANOS = TimeUnit.MINUTES.toNanos(30);
    private static final String USER_AGENT = "tokenlab (java/" + Runtime.version().feature() + ")";

    private final HttpClient client;
    private final URI endpoint;
    private final Optional<HubEnvironment.Token> token;
    private final Duration timeout;
    private final long maxBytes;
    private final RepoName repo;
    private final HubCache cache;

    /** A file now in {@code blobs/}: the commit it was resolved at and its blob name. */
    record Fetched(String commit, String etag) {
    }

    HubDownloader(HttpClient client, URI endpoint, Optional<HubEnvironment.Token> token, Duration timeout, long maxBytes,
            RepoName repo, HubCache cache) {
        this.client = client;
        this.endpoint = endpoint;
        this.token = token;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.repo = repo;
        this.cache = cache;
    }

    /** The HTTP client {@code hf:} uses: redirects by hand (to decide where the token goes), connect timeout 10 s. */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** {@code ENDPOINT/ORG/NAME/resolve/REVISION/FILE}, the revision escaped as {@code huggingface_hub} escapes it. */
    URI resolveUrl(String revision, String file) {
        return URI.create(endpoint + "/" + repo.org() + "/" + repo.name() + "/resolve/" + revision.replace("/", "%2F") + "/" + file);
    }

    /**
     * Fetches {@code file} at {@code revision} into {@code blobs/} (not into a snapshot: the caller links it).
     *
     * @param optional whether a missing file is fine; then a 404 for it gives null
     * @return the commit and blob name, or null when {@code optional} and the repository has no such file
     * @throws TokenizerException if the file cannot be fetched, in one line
     */
    Fetched fetch(String revision, String file, boolean optional) {
        URI uri = resolveUrl(revision, file);
        String commit = null;
        String etag = null;
        long declaredSize = -1;
        Path temporary = null;
        long deadline = System.nanoTime() + MAX_TOTAL_NANOS;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                boolean atHub = sameOrigin(uri, endpoint);
                if (temporary == null) {
                    temporary = cache.newTemporaryBlob();
                }
                HttpResponse<Long> response = send(uri, atHub, temporary, file, declaredSize, deadline);
                HttpHeaders headers = response.headers();
                Optional<String> repoCommit = atHub ? headers.firstValue("X-Repo-Commit") : Optional.empty();
                if (repoCommit.isPresent()) {
                    commit = repoCommit.get().strip();
                    etag = normalizeEtag(headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag")).orElse(null));
                    declaredSize = headers.firstValue("X-Linked-Size").map(HubDownloader::parseLong).orElse(-1L);
                }
                int status = response.statusCode();
                if (isRedirect(status)) {
                    if (declaredSize > maxBytes) {
                        throw tooLarge(file, declaredSize);
                    }
                    if (commit != null && etag != null && HubCache.isBlobName(etag) && cache.hasBlob(etag)) {
                        checkMetadata(commit, etag, uri);
                        return new Fetched(commit, etag); // the blob is here already: no need to follow to the CDN
                    }
                    uri = redirectTarget(uri, headers, file);
                    continue;
                }
                if (status / 100 != 2) {
                    if (optional && atHub && status == 404 && isEntryMissing(headers)) {
                        return null;
                    }
                    throw httpError(status, headers, atHub, uri, file, revision);
                }
                checkMetadata(commit, etag, uri);
                long received = response.body();
                long expected = declaredSize >= 0 ? declaredSize : contentLength(headers);
                if (expected >= 0 && received != expected) {
                    throw new TokenizerException(repo.display() + ": the download of " + file + " broke off after " + received
                            + " of " + expected + " bytes; retry");
                }
                cache.storeBlob(temporary, etag);
                temporary = null;
                return new Fetched(commit, etag);
            }
            throw new TokenizerException(repo.display() + ": more than " + MAX_REDIRECTS + " redirects fetching " + file
                    + " from " + endpoint + "; check HF_ENDPOINT and any proxy");
        } catch (IOException e) {
            throw HubCache.cannotWrite(repo, cache.repoDir().getParent(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // nothing more can be done; the name marks it as an unfinished download
                }
            }
        }
    }

    /**
     * One request, waited for with the timeouts; a success's body goes into {@code temporary}, refused at
     * once when its declared size ({@code Content-Length}, {@code X-Linked-Size}, or {@code knownSize} from an
     * earlier answer) is over the limit.
     */
    private HttpResponse<Long> send(URI uri, boolean atHub, Path temporary, String file, long knownSize, long deadline) {
        // No HttpRequest.timeout: the loop below watches both the answer and the body's progress itself.
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("User-Agent", USER_AGENT)
                .header("Accept-Encoding", "identity");
        if (atHub && token.isPresent()) {
            request.header("Authorization", "Bearer " + token.get().value());
        }
        AtomicReference<BlobSink> sinkRef = new AtomicReference<>();
        HttpResponse.BodyHandler<Long> handler = info -> {
            if (info.statusCode() / 100 != 2) {
                return new Ignore(); // redirects and errors: the headers say everything
            }
            long declared = Math.max(knownSize, Math.max(contentLength(info.headers()),
                    info.headers().firstValue("X-Linked-Size").map(HubDownloader::parseLong).orElse(-1L)));
            BlobSink sink = new BlobSink(temporary, maxBytes, declared);
            sinkRef.set(sink);
            return sink;
        };
        long start = System.nanoTime();
        long limit = timeout.toNanos();
        CompletableFuture<HttpResponse<Long>> future;
        try {
            future = client.sendAsync(request.build(), handler);
        } catch (IllegalArgumentException e) {
            throw new TokenizerException(repo.display() + ": cannot request " + Messages.clean(uri.toString()) + " ("
                    + Messages.clean(e.getMessage()) + "); check HF_ENDPOINT");
        }
        while (true) {
            BlobSink sink = sinkRef.get();
            long now = System.nanoTime();
            long last = sink == null ? start : Math.max(start, sink.lastProgress());
            long waitNanos = Math.min(limit - (now - last), deadline - now);
            try {
                if (waitNanos <= 0) {
                    throw new TimeoutException();
                }
                return future.get(Math.max(waitNanos, TimeUnit.MILLISECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                sink = sinkRef.get();
                now = System.nanoTime();
                last = sink == null ? start : Math.max(start, sink.lastProgress());
                if (now - last < limit && now < deadline) {
                    continue; // bytes came in meanwhile
                }
                future.cancel(true);
                if (sink != null) {
                    sink.abort(new IOException("stalled"));
                }
                throw timedOut(uri, atHub, file, sink, now >= deadline);
            } catch (InterruptedException e) {
                future.cancel(true);
                sink = sinkRef.get();
                if (sink != null) {
                    sink.abort(new IOException("interrupted"));
                }
                Thread.currentThread().interrupt();
                throw new TokenizerException(repo.display() + ": interrupted while fetching " + file);
            } catch (ExecutionException e) {
                sink = sinkRef.get();
                if (sink != null) {
                    sink.abort(new IOException("failed"));
                }
                throw failed(uri, atHub, file, sink, e.getCause() == null ? e : e.getCause());
            }
        }
    }

    private TokenizerException timedOut(URI uri, boolean atHub, String file, BlobSink sink, boolean tooLong) {
        String seconds = timeout.toSeconds() + " s (HF_HUB_DOWNLOAD_TIMEOUT)";
        if (tooLong) {
            return new TokenizerException(repo.display() + ": the download of " + file + " took over 30 minutes; retry on a faster connection");
        }
        if (sink == null) {
            return new TokenizerException(repo.display() + ": " + origin(uri, atHub) + " did not answer within " + seconds
                    + "; check the network, or retry later");
        }
        return new TokenizerException(repo.display() + ": the download of " + file + " stalled after " + sink.count()
                + " bytes, with no data for " + seconds + "; retry later");
    }

    private TokenizerException failed(URI uri, boolean atHub, String file, BlobSink sink, Throwable cause) {
        if (cause instanceof TooLarge t) {
            return tooLarge(file, t.declared);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return unreachable(uri, atHub, "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(uri, atHub, file, null, false);
        }
        if (hasCause(cause, UnresolvedAddressException.class) || hasCause(cause, java.net.UnknownHostException.class)) {
            return unreachable(uri, atHub, "unknown host " + uri.getHost());
        }
        if (cause instanceof ConnectException) {
            return unreachable(uri, atHub, "connection refused");
        }
        if (hasCause(cause, SSLException.class)) {
            return unreachable(uri, atHub, "TLS failed: " + describe(cause));
        }
        if (sink != null && sink.writeFailure() != null) {
            return HubCache.cannotWrite(repo, cache.repoDir().getParent(), sink.writeFailure());
        }
        if (sink != null && cause instanceof IOException) {
            return new TokenizerException(repo.display() + ": the download of " + file + " broke off after " + sink.count()
                    + " bytes (" + describe(cause) + "); retry");
        }
        if (cause instanceof IOException) {
            return unreachable(uri, atHub, describe(cause));
        }
        return new TokenizerException(repo.display() + ": fetching " + file + " from " + origin(uri, atHub) + " failed ("
                + describe(cause) + ")", cause);
    }

    private TokenizerException unreachable(URI uri, boolean atHub, String why) {
        return new TokenizerException(repo.display() + " is not cached and " + origin(uri, atHub) + " cannot be reached ("
                + Messages.clean(why) + "); check the network, proxy or HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to use only cached models");
    }

    /** The file is {@code size} bytes as declared, or (when {@code size} is -1) grew past the limit while downloading. */
    private TokenizerException tooLarge(String file, long size) {
        String limit = maxBytes >= 1 << 20 && maxBytes % (1 << 20) == 0 ? (maxBytes >> 20) + " MB" : maxBytes + " bytes";
        return new TokenizerException(repo.display() + ": " + file + (size >= 0
                ? " is " + size + " bytes; Tokenlab refuses downloads over " + limit
                : " is over " + limit + "; Tokenlab refuses downloads that large") + ", which no tokenizer needs: check the repository");
    }

    /** The error for a 4xx or 5xx answer, in the Hub's terms when the Hub gave it. */
    private TokenizerException httpError(int status, HttpHeaders headers, boolean atHub, URI uri, String file, String revision) {
        String page = endpoint + "/" + repo.repoId();
        if (!atHub) {
            return new TokenizerException(repo.display() + ": downloading " + file + " from " + Messages.clean(uri.getHost())
                    + " failed with HTTP " + status + "; retry (the Hub's download links expire)");
        }
        String code = headers.firstValue("X-Error-Code").orElse("");
        String message = headers.firstValue("X-Error-Message").orElse("");
        String source = token.map(t -> "the token from " + t.source()).orElse(null);
        if (code.equals("RevisionNotFound")) {
            return new TokenizerNotFoundException("Hugging Face revision", repo.display(), List.of(), "the repository has no branch,"
                    + " tag or commit \"" + revision + "\": see " + page + "/tree/main");
        }
        if (code.equals("EntryNotFound")) {
            return new TokenizerNotFoundException("Hugging Face tokenizer", repo.display(), List.of(), "the repository has no "
                    + file + " at revision " + revision + ": pick a repository that ships one (see " + page + "/tree/main)");
        }
        if (code.equals("GatedRepo")) {
            return source == null
                    ? gatedWithoutToken(page)
                    : new TokenizerException(repo.display() + " is gated and " + source + " has no access yet: accept its licence at "
                            + page + " with that account (approval can take a while), or use a token of an account that has access");
        }
        if (message.equals("Access to this resource is disabled.")) {
            return new TokenizerException(repo.display() + " has been disabled on the Hub and cannot be downloaded; pick another repository");
        }
        if (status == 401 && source != null && (message.startsWith("Invalid credentials") || !code.equals("RepoNotFound"))) {
            return new TokenizerException(repo.display() + ": the Hub refused " + source + " (invalid or expired); create a new"
                    + " read token at " + endpoint + "/settings/tokens and set HF_TOKEN to it");
        }
        if (code.equals("RepoNotFound")) {
            return new TokenizerNotFoundException("Hugging Face repository", repo.display(), List.of(), source == null
                    ? "no such repository on " + endpoint + ", or it is private or gated and HF_TOKEN is not set: check the name at "
                            + page + ", or set HF_TOKEN"
                    : "no such repository on " + endpoint + ", or " + source + " cannot see it: check the name at " + page
                            + " and the token's access");
        }
        if ((status == 401 || status == 403) && source == null) {
            return gatedWithoutToken(page);
        }
        if (status == 403) {
            return new TokenizerException(repo.display() + ": " + source + " may not read this repository (HTTP 403); give the token"
                    + " read access at " + endpoint + "/settings/tokens, or accept the licence at " + page);
        }
        if (status == 404) {
            return new TokenizerNotFoundException("Hugging Face repository", repo.display(), List.of(), endpoint + " has no " + file
                    + " for it at revision " + revision + " (HTTP 404): check the name and the revision at " + page);
        }
        if (status == 429) {
            return new TokenizerException(repo.display() + ": the Hub is limiting requests from this machine (HTTP 429); wait a few"
                    + " minutes and retry" + (source == null ? ", or set HF_TOKEN (signed-in users get more)" : ""));
        }
        String detail = message.isEmpty() ? "" : " (" + Messages.clean(message) + ")";
        if (status >= 500) {
            return new TokenizerException(repo.display() + ": " + endpoint + " answered HTTP " + status + detail + " for " + file
                    + "; the Hub may be down: retry later, or set HF_HUB_OFFLINE=1 to use only cached models");
        }
        return new TokenizerException(repo.display() + ": " + endpoint + " answered HTTP " + status + detail + " for " + file
                + "; check HF_ENDPOINT and the name");
    }

    private TokenizerException gatedWithoutToken(String page) {
        return new TokenizerException(repo.display() + " is gated or private: accept its licence at " + page
                + " while signed in, then set HF_TOKEN to a read token of that account (" + endpoint + "/settings/tokens)");
    }

    private static boolean isEntryMissing(HttpHeaders headers) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        return code.isEmpty() || code.equals("EntryNotFound");
    }

    private void checkMetadata(String commit, String etag, URI uri) {
        String from = Messages.clean(uri.getHost());
        if (commit == null) {
            throw new TokenizerException(repo.display() + ": " + from + " answered without an X-Repo-Commit header, so it is not"
                    + " the Hugging Face Hub; check HF_ENDPOINT and any proxy");
        }
        if (!RepoName.isCommitHash(commit)) {
            throw new TokenizerException(repo.display() + ": " + from + " named the commit \"" + Messages.clean(commit)
                    + "\", not 40 hex digits; check HF_ENDPOINT");
        }
        if (etag == null || !HubCache.isBlobName(etag)) {
            throw new TokenizerException(repo.display() + ": " + from + " answered without a usable ETag"
                    + (etag == null ? "" : " (\"" + Messages.clean(etag) + "\")") + ", so the file cannot be cached; check HF_ENDPOINT");
        }
    }

    private URI redirectTarget(URI from, HttpHeaders headers, String file) {
        String location = headers.firstValue("Location").orElse(null);
        if (location == null) {
            throw new TokenizerException(repo.display() + ": " + Messages.clean(from.getHost()) + " redirected " + file
                    + " without saying where; retry later");
        }
        try {
            URI target = from.resolve(new URI(location.strip()));
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
                throw new URISyntaxException(location, "not an http(s) URL");
            }
            return target;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TokenizerException(repo.display() + ": " + Messages.clean(from.getHost()) + " redirected " + file
                    + " to an unusable address (\"" + Messages.clean(location) + "\"); retry later");
        }
    }

    /** {@code "abc"} → {@code abc}, {@code W/"abc"} → {@code abc}: the ETag as a file name. */
    static String normalizeEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.strip();
        if (e.startsWith("W/") || e.startsWith("w/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e.isEmpty() ? null : e;
    }

    /** Whether {@code a} has the scheme, host and port of {@code b}: the token goes only there. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private String origin(URI uri, boolean atHub) {
        return atHub ? endpoint.toString() : Messages.clean(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static long contentLength(HttpHeaders headers) {
        if (!headers.firstValue("Content-Encoding").map(s -> s.equalsIgnoreCase("identity")).orElse(true)) {
            return -1;
        }
        return headers.firstValue("Content-Length").map(HubDownloader::parseLong).orElse(-1L);
    }

    private static long parseLong(String s) {
        try {
            long v = Long.parseLong(s.strip());
            return v >= 0 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return Messages.clean(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }

    /** The body would exceed the size limit: its declared size, or -1 when it grew past the limit while arriving. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long declared;

        TooLarge(long declared) {
            super("too large");
            this.declared = declared;
        }
    }

    /** Takes the body of a redirect or an error: none of it is needed, so the exchange is cancelled at once. */
    private static final class Ignore implements HttpResponse.BodySubscriber<Long> {
        private final CompletableFuture<Long> body = CompletableFuture.completedFuture(0L);

        @Override
        public CompletionStage<Long> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    /**
     * Writes a success's body to the temporary file, counting bytes against the limit and noting the time
     * of the last progress, so the waiting thread can tell a slow download from a dead one. Once it has
     * failed or been aborted it writes nothing more and holds no file open.
     */
    private static final class BlobSink implements HttpResponse.BodySubscriber<Long> {
        private final Path file;
        private final long maxBytes;
        private final long declared;
        private final CompletableFuture<Long> body = new CompletableFuture<>();
        private volatile long lastProgress = System.nanoTime();
        private volatile long count;
        private volatile IOException writeFailure;
        private Flow.Subscription subscription;
        private FileChannel channel;
        private boolean done;

        BlobSink(Path file, long maxBytes, long declared) {
            this.file = file;
            this.maxBytes = maxBytes;
            this.declared = declared;
        }

        long lastProgress() {
            return lastProgress;
        }

        long count() {
            return count;
        }

        /** The error writing to the file, if that is what failed (not the network). */
        IOException writeFailure() {
            return writeFailure;
        }

        @Override
        public CompletionStage<Long> getBody() {
            return body;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (done) {
                s.cancel();
                return;
            }
            if (declared > maxBytes) {
                fail(new TooLarge(declared));
                return;
            }
            try {
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                writeFailure = e;
                fail(e);
                return;
            }
            s.request(1);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            if (done) {
                return;
            }
            try {
                for (ByteBuffer b : buffers) {
                    long next = count + b.remaining();
                    if (next > maxBytes) {
                        fail(new TooLarge(-1));
                        return;
                    }
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                    count = next;
                }
            } catch (IOException e) {
                writeFailure = e;
                fail(e);
                return;
            }
            lastProgress = System.nanoTime();
            subscription.request(1);
        }

        @Override
        public synchronized void onError(Throwable t) {
            fail(t);
        }

        @Override
        public synchronized void onComplete() {
            if (done) {
                return;
            }
            try {
                channel.force(false);
                channel.close();
            } catch (IOException e) {
                writeFailure = e;
                fail(e);
                return;
            }
            done = true;
            body.complete(count);
        }

        /** Stops the download from outside (stalled, interrupted): nothing more is written, the file is closed. */
        synchronized void abort(IOException why) {
            fail(why);
        }

        private void fail(Throwable t) {
            if (done) {
                return;
            }
            done = true;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing after a failure: the file is deleted next
                }
            }
            if (subscription != null) {
                subscription.cancel();
            }
            body.completeExceptionally(t);
        }
    }
}
