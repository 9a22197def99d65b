package dev.tokenlab.gguf.ollama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An Ollama models folder: {@code manifests/HOST/NAMESPACE/MODEL/TAG} files and the {@code blobs/sha256-HEX} they
 * name. Read only.
 *
 * @param dir    the folder
 * @param origin how it was chosen, for messages
 */
record OllamaStore(Path dir, String origin) {
    /** At most this many manifests are listed (a store holds a few dozen). */
    static final int MAX_LISTED = 10_000;

    /** The manifest of {@code name}: its own path, else one whose name differs only in letter case (Ollama's names ignore it). */
    Optional<Path> manifest(OllamaName name) {
        Path exact = name.manifest(dir);
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        for (Listed l : list()) {
            OllamaName n = l.name();
            if (n.host().equalsIgnoreCase(name.host()) && n.namespace().equalsIgnoreCase(name.namespace())
                    && n.model().equalsIgnoreCase(name.model()) && n.tag().equalsIgnoreCase(name.tag())) {
                return Optional.of(l.manifest());
            }
        }
        return Optional.empty();
    }

    /** One model of the store. */
    record Listed(OllamaName name, Path manifest) {
    }

    /** Every model of the store, sorted by name. */
    List<Listed> list() {
        Path manifests = dir.resolve("manifests");
        List<Listed> out = new ArrayList<>();
        if (!Files.isDirectory(manifests)) {
            return out;
        }
        try (Stream<Path> files = Files.find(manifests, 4, (p, a) -> a.isRegularFile() && manifests.relativize(p).getNameCount() == 4)) {
            files.limit(MAX_LISTED).forEach(p -> {
                Path rel = manifests.relativize(p);
                out.add(new Listed(new OllamaName(rel.getName(0).toString(), rel.getName(1).toString(), rel.getName(2).toString(),
                        rel.getName(3).toString()), p));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return out;
        }
        out.sort(java.util.Comparator.comparing(l -> l.name().display()));
        return out;
    }

    /** The blob of a layer. */
    Path blob(OllamaManifest.Layer layer) {
        return dir.resolve("blobs").resolve(layer.blobName());
    }
}
