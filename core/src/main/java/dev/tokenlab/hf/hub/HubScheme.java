package dev.tokenlab.hf.hub;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.spi.ModelScheme;
import dev.tokenlab.spi.ModelSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code hf:} scheme: {@code hf:ORG/NAME[@REVISION]} names a model on the Hugging Face Hub, and resolves
 * to the snapshot folder in the local Hugging Face cache that holds its {@code tokenizer.json} (and its
 * {@code tokenizer_config.json} when the repository has one), downloading the two files first when that
 * revision's {@code tokenizer.json} is not cached yet.
 *
 * <p>Why it works this way: people who use Hugging Face models already have them in
 * {@code ~/.cache/huggingface/hub}, put there by {@code transformers} or {@code huggingface_hub}. Reading and
 * writing that cache exactly as those tools do ({@link HubCache}), with the same environment variables
 * ({@link HubEnvironment}), means one download serves Python and Java alike, and a machine prepared for one
 * is prepared for the other, offline mode included.
 *
 * <ul>
 *   <li>A revision that is a full commit hash is looked up in {@code snapshots/} directly; a branch or tag
 *       (default {@code main}) through its {@code refs/} file. A cached {@code tokenizer.json} is used as it
 *       is, without asking the Hub whether the branch has moved since.</li>
 *   <li>Otherwise, unless offline mode is on, {@code tokenizer.json} is fetched at the revision, then
 *       {@code tokenizer_config.json} at the commit the Hub named (so both come from one commit; a 404 for it
 *       is fine and is recorded under {@code .no_exist/}); the snapshot links and the ref are written last,
 *       only when both fetches have succeeded.</li>
 * </ul>
 *
 * <p>Found through {@link java.util.ServiceLoader}; errors follow {@link ModelScheme#resolve(String)}, one line each.
 */
public final class HubScheme implements ModelScheme {
    /** The file the scheme is for. */
    static final String TOKENIZER = "tokenizer.json";
    /** The optional file beside it (special tokens, chat template, normalisation flags). */
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    /** Downloads larger than this are refused (tokenizer.json files reach about 40 MB). */
    static final long MAX_DOWNLOAD_BYTES = 512L << 20;

    private final HubEnvironment environment;
    private final boolean symlinks;
    private final long maxBytes;
    private volatile HttpClient client;

    /** The scheme on this process's environment; made by {@link java.util.ServiceLoader}. */
    public HubScheme() {
        this(HubEnvironment.system(), true, MAX_DOWNLOAD_BYTES);
    }

    /**
     * The scheme on a given environment: tests pass their own variables and home folder, may force copies
     * instead of links, and may lower the size limit.
     */
    HubScheme(HubEnvironment environment, boolean symlinks, long maxBytes) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.symlinks = symlinks;
        this.maxBytes = maxBytes;
    }

    @Override
    public String scheme() {
        return "hf";
    }

    @Override
    public String description() {
        return "Hugging Face Hub models (hf:ORG/NAME[@REVISION]), in the cache huggingface_hub uses";
    }

    /**
     * The snapshot folder holding {@code tokenizer.json} for {@code name} ({@code ORG/NAME} or
     * {@code ORG/NAME@REVISION}), named {@code hf:ORG/NAME[@REVISION]}.
     *
     * @throws dev.tokenlab.TokenizerNotFoundException if the Hub has no such repository, revision or tokenizer.json
     * @throws TokenizerException if the name is malformed, the model is not cached in offline mode, the repository is
     *         gated or the token refused, the Hub cannot be reached, or the cache cannot be written
     */
    @Override
    public ModelSource resolve(String name) {
        RepoName repo = RepoName.parse(name);
        Path cacheDir = environment.cacheDir();
        HubCache cache = new HubCache(cacheDir, repo, symlinks);
        String revision = repo.revisionOrDefault();
        Optional<Path> cached = cache.snapshotWith(revision, TOKENIZER);
        if (cached.isPresent()) {
            return ModelSource.of(cached.get(), repo.display());
        }
        if (environment.offline()) {
            throw new TokenizerException(repo.display() + " is not in the Hugging Face cache (" + cacheDir
                    + ") and offline mode is on (HF_HUB_OFFLINE); download it once online, or unset HF_HUB_OFFLINE");
        }
        URI endpoint = environment.endpoint();
        HubDownloader downloader = new HubDownloader(client(), endpoint, environment.token(), environment.timeout(), maxBytes,
                repo, cache);
        HubDownloader.Fetched tokenizer = downloader.fetch(revision, TOKENIZER, false);
        String commit = tokenizer.commit();
        HubDownloader.Fetched config = downloader.fetch(commit, TOKENIZER_CONFIG, true);
        try {
            if (config != null) {
                cache.link(commit, TOKENIZER_CONFIG, config.etag());
            } else {
                cache.markMissing(commit, TOKENIZER_CONFIG);
            }
            cache.link(commit, TOKENIZER, tokenizer.etag());
            cache.writeRef(revision, commit);
        } catch (IOException e) {
            throw HubCache.cannotWrite(repo, cacheDir, e);
        }
        return ModelSource.of(cache.snapshot(commit), repo.display());
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HubDownloader.newClient();
                    client = c;
                }
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "hf: scheme";
    }
}
