package dev.tokenlab.spi;

import dev.tokenlab.TokenizerFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A model on disk as a {@link ModelFormat} sees it: a file or a directory, the name the tokenizer
 * will carry, and reads that fail with one line naming the file. Immutable.
 *
 * <pre>{@code
 * ModelSource s = ModelSource.of(Path.of("models/llama2/tokenizer.model"));
 * s.name();        // "tokenizer"
 * s.head();        // the first bytes, for recognising the format
 * s.readAll();     // every byte, refused above 512 MB
 * ModelSource.of(Path.of("/cache/snapshots/abc"), "hf:Qwen/Qwen3-8B").file("tokenizer.json");
 * }</pre>
 */
public final class ModelSource {
    /** Files larger than this are refused by {@link #readAll()} before reading. */
    public static final long MAX_READ_BYTES = 512L << 20;

    /** How many bytes {@link #head()} holds at most. */
    public static final int HEAD_BYTES = 4096;

    private final Path path;
    private final String name;
    private final String location;
    private volatile byte[] head;

    private ModelSource(Path path, String name, String location) {
        this.path = path;
        this.name = name;
        this.location = location;
    }

    /** The model at {@code path}, named after the file without its extension. */
    public static ModelSource of(Path path) {
        return new ModelSource(Objects.requireNonNull(path, "path"), stem(path), path.toString());
    }

    /** The model at {@code path}, named {@code name} (for example {@code hf:Qwen/Qwen3-8B}) in the tokenizer and in messages. */
    public static ModelSource of(Path path, String name) {
        return new ModelSource(Objects.requireNonNull(path, "path"), Objects.requireNonNull(name, "name"), name);
    }

    /** The file or directory. */
    public Path path() {
        return path;
    }

    /** The name the loaded tokenizer should carry, unless the format knows a better one. */
    public String name() {
        return name;
    }

    /** How messages name this model: the path as given, or the scheme name it was resolved from. */
    public String location() {
        return location;
    }

    /** Whether the model is a directory of files (as Hugging Face models are). */
    public boolean isDirectory() {
        return Files.isDirectory(path);
    }

    /** The regular file {@code fileName} inside this directory, if there is one. */
    public Optional<Path> file(String fileName) {
        Path p = path.resolve(fileName);
        return Files.isDirectory(path) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Up to the first {@value #HEAD_BYTES} bytes of the file; empty for a directory, a missing or an
     * unreadable file (the format that is chosen reports those when it reads).
     */
    public byte[] head() {
        byte[] h = head;
        if (h == null) {
            h = readHead();
            head = h;
        }
        return h.clone();
    }

    private byte[] readHead() {
        if (!Files.isRegularFile(path)) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * Every byte of the file.
     *
     * @throws TokenizerFormatException if it is missing, a directory, unreadable or over {@value #MAX_READ_BYTES} bytes
     */
    public byte[] readAll() {
        return readAll(path, location);
    }

    /**
     * Every byte of {@code file}, with errors that name {@code location}.
     *
     * @throws TokenizerFormatException if it is missing, a directory, unreadable or over {@value #MAX_READ_BYTES} bytes
     */
    public static byte[] readAll(Path file, String location) {
        try {
            if (Files.isDirectory(file)) {
                throw new TokenizerFormatException(location, "is a directory, not a model file");
            }
            long size = Files.size(file);
            if (size > MAX_READ_BYTES) {
                throw new TokenizerFormatException(location, "is " + size + " bytes; no model file Tokenlab reads whole is that large");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerFormatException(location, "no such file");
        } catch (AccessDeniedException e) {
            throw new TokenizerFormatException(location, "permission denied");
        } catch (IOException e) {
            throw new TokenizerFormatException(location, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String stem(Path path) {
        Path fileName = path.getFileName();
        String s = fileName == null ? path.toString() : fileName.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    @Override
    public String toString() {
        return "ModelSource[" + location + "]";
    }
}
