package dev.tokenlab.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The header and metadata of a GGUF file, as {@link GgufReader} reads them: the version, the number of
 * tensors (whose descriptions and data are never read) and every key/value pair in file order. Immutable.
 *
 * @param location      how messages name the file
 * @param version       2 or 3
 * @param tensorCount   tensors the header announces
 * @param metadata      key → value, in file order
 * @param metadataEnd   the byte offset just after the last key/value pair (where tensor descriptions start)
 * @param fileSize      the file's size in bytes
 */
public record GgufFile(String location, int version, long tensorCount, Map<String, GgufValue> metadata, long metadataEnd,
                       long fileSize) {

    public GgufFile {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The value of {@code key}, if present. */
    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return metadata.containsKey(key);
    }

    /** The string value of {@code key}; empty if absent or of another type. */
    public Optional<String> string(String key) {
        GgufValue v = metadata.get(key);
        return v != null && v.type() == GgufType.STRING ? Optional.of((String) v.value()) : Optional.empty();
    }

    /** The integer value of {@code key} (any integer type); empty if absent or of another type. */
    public OptionalLong integer(String key) {
        GgufValue v = metadata.get(key);
        return v != null && v.type().isInteger() ? OptionalLong.of((Long) v.value()) : OptionalLong.empty();
    }

    /** The boolean value of {@code key}; empty if absent or of another type. */
    public Optional<Boolean> bool(String key) {
        GgufValue v = metadata.get(key);
        return v != null && v.type() == GgufType.BOOL ? Optional.of((Boolean) v.value()) : Optional.empty();
    }

    /** The array value of {@code key}; empty if absent or not an array. */
    public Optional<GgufArray> array(String key) {
        GgufValue v = metadata.get(key);
        return v != null && v.value() instanceof GgufArray a ? Optional.of(a) : Optional.empty();
    }

    /** {@code general.architecture}, if the file says it. */
    public Optional<String> architecture() {
        return string("general.architecture");
    }
}
