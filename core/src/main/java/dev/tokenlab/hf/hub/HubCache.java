package dev.tokenlab.hf.hub;

import dev.tokenlab.TokenizerException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One repository's folder in the Hugging Face cache, read and written exactly as {@code huggingface_hub}
 * lays it out, so that Python tools and Tokenlab share downloads:
 *
 * <pre>
 * HF_HUB_CACHE/models--ORG--NAME/
 *   blobs/ETAG                          file contents, named by their ETag (git SHA-1, or SHA-256 for LFS files)
 *   refs/REVISION                       a branch or tag's commit hash (40 hex digits, no newline)
 *   snapshots/COMMIT/FILE               relative symbolic link to ../../blobs/ETAG (a copy where links fail)
 *   .no_exist/COMMIT/FILE               empty: FILE is known to be absent at COMMIT
 * </pre>
 *
 * Every write is atomic: contents go to a temporary file in the same folder, then one rename puts them
 * in place (links too), so a reader (or a crash) never sees half a file, and two downloads racing each
 * other leave the same result.
 */
final class HubCache {
    /** Names the Hub gives blobs: ETags are hex digests; anything else is refused rather than put in a path. */
    private static final Pattern BLOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Path repoDir;
    private final boolean symlinks;

    /**
     * @param cacheDir the Hub cache folder
     * @param repo     the repository
     * @param symlinks whether to link snapshot files to blobs ({@code false} copies them, as
     *                 {@code huggingface_hub} does where links cannot be made; tests force it)
     */
    HubCache(Path cacheDir, RepoName repo, boolean symlinks) {
        this.repoDir = cacheDir.resolve(repo.folderName());
        this.symlinks = symlinks;
    }

    /** {@code models--ORG--NAME}. */
    Path repoDir() {
        return repoDir;
    }

    /** {@code blobs/}. */
    Path blobsDir() {
        return repoDir.resolve("blobs");
    }

    /** {@code snapshots/COMMIT}. */
    Path snapshot(String commit) {
        return repoDir.resolve("snapshots").resolve(commit);
    }

    /** {@code blobs/ETAG}. */
    Path blob(String etag) {
        return blobsDir().resolve(etag);
    }

    /** Whether {@code etag} can name a blob file (Hub ETags are 40 or 64 hex digits). */
    static boolean isBlobName(String etag) {
        return etag != null && BLOB_NAME.matcher(etag).matches() && !etag.contains("..");
    }

    /**
     * The commit {@code revision} stands for here: itself if it is a commit hash, else the hash its
     * {@code refs/} file holds; empty when the ref is missing or does not hold a hash.
     */
    Optional<String> commitOf(String revision) {
        if (RepoName.isCommitHash(revision)) {
            return Optional.of(revision);
        }
        Path ref = repoDir.resolve("refs").resolve(revision);
        try {
            if (!Files.isRegularFile(ref) || Files.size(ref) > 1024) {
                return Optional.empty();
            }
            String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            return RepoName.isCommitHash(commit) ? Optional.of(commit) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The snapshot folder for {@code revision} if {@code file} is in it (a link whose blob exists, or a copy). */
    Optional<Path> snapshotWith(String revision, String file) {
        return commitOf(revision).map(this::snapshot).filter(s -> Files.isRegularFile(s.resolve(file)));
    }

    /** Whether the blob {@code etag} is already here. */
    boolean hasBlob(String etag) {
        return Files.isRegularFile(blob(etag));
    }

    /**
     * A new, empty temporary file in {@code blobs/} for a download to go into, to be
     * {@linkplain #storeBlob moved} into place or deleted.
     */
    Path newTemporaryBlob() throws IOException {
        Files.createDirectories(blobsDir());
        // Not Files.createTempFile: its owner-only permissions would stick to the blob; the cache is shared.
        return Files.createFile(blobsDir().resolve(".tokenlab-" + UUID.randomUUID() + ".incomplete"));
    }

    /** Moves a finished download into place as {@code blobs/ETAG} (replacing an identical one a racing download left). */
    void storeBlob(Path temporary, String etag) throws IOException {
        moveAtomically(temporary, blob(etag));
    }

    /**
     * Puts {@code file} into {@code snapshots/COMMIT/}: a relative link to {@code ../../blobs/ETAG}, or,
     * where links cannot be made, a copy of the blob.
     */
    void link(String commit, String file, String etag) throws IOException {
        Path pointer = snapshot(commit).resolve(file);
        Path blob = blob(etag);
        Files.createDirectories(pointer.getParent());
        Path temporary = pointer.resolveSibling("." + file + "." + UUID.randomUUID() + ".incomplete");
        try {
            if (symlinks) {
                try {
                    Files.createSymbolicLink(temporary, pointer.getParent().relativize(blob));
                } catch (UnsupportedOperationException | FileSystemException e) {
                    Files.copy(blob, temporary);
                }
            } else {
                Files.copy(blob, temporary);
            }
            moveAtomically(temporary, pointer);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Records that {@code revision} (a branch or tag) points at {@code commit}: {@code refs/REVISION}; nothing for a commit. */
    void writeRef(String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = repoDir.resolve("refs").resolve(revision);
        if (commitOf(revision).filter(commit::equals).isPresent()) {
            return; // unchanged: leave a read-only cache alone, as huggingface_hub does
        }
        Files.createDirectories(ref.getParent());
        Path temporary = ref.resolveSibling("." + ref.getFileName() + "." + UUID.randomUUID() + ".incomplete");
        try {
            Files.writeString(temporary, commit, StandardCharsets.UTF_8);
            moveAtomically(temporary, ref);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Records that {@code file} does not exist at {@code commit} ({@code .no_exist/COMMIT/FILE}), as Python does. */
    void markMissing(String commit, String file) {
        try {
            Path marker = repoDir.resolve(".no_exist").resolve(commit).resolve(file);
            Files.createDirectories(marker.getParent());
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (IOException e) {
            // only a hint for later look-ups; huggingface_hub ignores this failure too
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A write to the cache failed: one line naming the folder and what to do. */
    static TokenizerException cannotWrite(RepoName repo, Path cacheDir, IOException e) {
        String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new TokenizerException(repo.display() + ": cannot write to the Hugging Face cache " + cacheDir + " ("
                + Messages.clean(why) + "); make it writable or point HF_HUB_CACHE at a folder that is", e);
    }
}
