package dev.tokenlab.gguf.ollama;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.spi.ModelScheme;
import dev.tokenlab.spi.ModelSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code ollama:} scheme: {@code ollama:NAME[:TAG]} (also {@code ollama:NAMESPACE/NAME:TAG} and
 * {@code ollama:hf.co/ORG/REPO:TAG}) names a model in the local Ollama store ({@link OllamaEnvironment}) and
 * resolves to its manifest, which {@link OllamaModelFormat} reads: the GGUF blob of its model layer, and the
 * {@code num_ctx} and {@code stop} of its params layer. Nothing is downloaded: a model Ollama has not pulled is
 * not found, with the local models whose names are close.
 */
public final class OllamaScheme implements ModelScheme {
    private final OllamaEnvironment environment;

    /** The scheme on this process's environment; made by {@link java.util.ServiceLoader}. */
    public OllamaScheme() {
        this(OllamaEnvironment.system());
    }

    OllamaScheme(OllamaEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String scheme() {
        return "ollama";
    }

    @Override
    public String description() {
        return "models pulled by Ollama (ollama:NAME[:TAG]), in OLLAMA_MODELS, ~/.ollama/models or /usr/share/ollama/.ollama/models";
    }

    /**
     * The manifest of {@code name}, named {@code ollama:NAME:TAG}.
     *
     * @throws TokenizerNotFoundException if the store has no such model (the close local ones suggested)
     * @throws TokenizerException         if the name is malformed or there is no store
     */
    @Override
    public ModelSource resolve(String name) {
        OllamaName parsed = OllamaName.parse(name);
        OllamaStore store = store();
        if (!Files.isDirectory(store.dir())) {
            throw new TokenizerException("ollama:" + name + ": no Ollama models folder at " + store.dir() + " (" + store.origin()
                    + "); pull the model with Ollama, or set OLLAMA_MODELS to the folder that holds manifests/ and blobs/");
        }
        return store.manifest(parsed).map(p -> ModelSource.of(p, "ollama:" + parsed.display()))
                .orElseThrow(() -> new TokenizerNotFoundException("Ollama model", "ollama:" + name, close(store, parsed),
                        "it is not in " + store.dir() + " (" + store.origin() + "); pull it with: ollama pull " + parsed.display()));
    }

    /**
     * The models pulled into the store, with the size of each one's model file; a manifest that cannot be
     * read is listed with an unknown size.
     */
    @Override
    public List<Local> local() {
        List<Local> out = new ArrayList<>();
        for (OllamaStore.Listed l : store().list()) {
            long bytes = -1;
            try {
                if (Files.size(l.manifest()) <= OllamaManifest.MAX_BYTES) {
                    OllamaManifest m = OllamaManifest.parse(Files.readAllBytes(l.manifest()), l.manifest().toString());
                    bytes = m.layer(OllamaManifest.MODEL).map(OllamaManifest.Layer::size).orElse(-1L);
                }
            } catch (IOException | TokenizerException e) {
                bytes = -1;
            }
            out.add(new Local(l.name().display(), bytes));
        }
        return out;
    }

    /** The store this scheme reads. */
    OllamaStore store() {
        OllamaEnvironment.Store s = environment.store();
        return new OllamaStore(s.dir(), s.origin());
    }

    /** Local models close to {@code wanted}: its other tags, then names containing it or contained in it. */
    static List<String> close(OllamaStore store, OllamaName wanted) {
        List<String> sameModel = new ArrayList<>();
        List<String> similar = new ArrayList<>();
        String w = wanted.model().toLowerCase(Locale.ROOT);
        String base = w.replaceAll("[0-9.\\-_]+$", "");
        for (OllamaStore.Listed l : store.list()) {
            String m = l.name().model().toLowerCase(Locale.ROOT);
            String display = "ollama:" + l.name().display();
            if (m.equals(w)) {
                sameModel.add(display);
            } else if (m.contains(w) || w.contains(m) || (!base.isEmpty() && m.startsWith(base))) {
                similar.add(display);
            }
        }
        sameModel.addAll(similar);
        return sameModel.size() > 8 ? sameModel.subList(0, 8) : sameModel;
    }
}
