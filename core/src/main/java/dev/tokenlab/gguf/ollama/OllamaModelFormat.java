package dev.tokenlab.gguf.ollama;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.gguf.GgufFile;
import dev.tokenlab.gguf.GgufFormat;
import dev.tokenlab.gguf.GgufReader;
import dev.tokenlab.spi.ModelFormat;
import dev.tokenlab.spi.ModelSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * An Ollama model by its manifest (what {@code ollama:NAME} resolves to, or a manifest file given by path): the
 * tokenizer of the GGUF blob of its model layer ({@link GgufFormat}), and in the description's notes what the params
 * layer says — {@code ollama num_ctx: N} (the context window Ollama runs the model with; the GGUF's trained
 * context length stays {@link dev.tokenlab.TokenizerDescription#contextLength()}) and {@code ollama stop: …}.
 * A manifest pointing at a missing blob, or at a blob that is not GGUF, is an error in one line.
 */
public final class OllamaModelFormat implements ModelFormat {
    /** The note prefix that carries {@code num_ctx}: {@code "ollama num_ctx: 8192 (…)"}. */
    public static final String NUM_CTX_NOTE = "ollama num_ctx: ";
    /** The note prefix that carries the stop sequences. */
    public static final String STOP_NOTE = "ollama stop: ";

    @Override
    public String name() {
        return "Ollama model manifest";
    }

    @Override
    public boolean recognizes(ModelSource source) {
        return !source.isDirectory() && OllamaManifest.looksLikeManifest(source.head());
    }

    @Override
    public Tokenizer load(ModelSource source, TokenizerOptions options) {
        String location = source.location();
        OllamaManifest manifest = OllamaManifest.parse(read(source.path(), location, OllamaManifest.MAX_BYTES), location);
        Path root = storeRoot(source.path(), location);
        OllamaStore store = new OllamaStore(root, root.toString());
        OllamaManifest.Layer model = manifest.layer(OllamaManifest.MODEL).orElseThrow(() -> new TokenizerFormatException(location,
                "the manifest has no model layer (" + OllamaManifest.MODEL + ")"));
        Path blob = blob(store, model, location, "model");
        byte[] head = head(blob, location);
        if (!GgufReader.hasMagic(head)) {
            throw new TokenizerFormatException(location, "the model layer blobs/" + model.blobName() + " is not a GGUF file (it starts with "
                    + quote(head) + ")");
        }
        GgufFile file = GgufReader.read(blob, location + " (blobs/" + model.blobName() + ")");
        OllamaParams params = manifest.layer(OllamaManifest.PARAMS)
                .map(l -> OllamaParams.parse(read(blob(store, l, location, "params"), location + " (params blobs/" + l.blobName() + ")",
                        OllamaParams.MAX_BYTES), location + " (params blobs/" + l.blobName() + ")"))
                .orElse(OllamaParams.NONE);
        return GgufFormat.tokenizer(source.name(), file, options, notes(params, file), params.numCtx());
    }

    private static List<String> notes(OllamaParams params, GgufFile file) {
        List<String> notes = new ArrayList<>();
        OptionalInt trained = file.architecture().stream()
                .mapToLong(a -> file.integer(a + ".context_length").orElse(-1)).filter(v -> v > 0 && v <= Integer.MAX_VALUE)
                .mapToInt(v -> (int) v).findFirst();
        if (params.numCtx().isPresent()) {
            int n = params.numCtx().getAsInt();
            notes.add(NUM_CTX_NOTE + n + " (from the model's params layer)"
                    + (trained.isPresent() && trained.getAsInt() > n ? "; the model was trained for " + trained.getAsInt()
                    + " tokens, Ollama gives it " + n : ""));
        } else {
            notes.add(NUM_CTX_NOTE + "not set by the model's params; Ollama's default (or OLLAMA_CONTEXT_LENGTH) applies");
        }
        if (!params.stop().isEmpty()) {
            notes.add(STOP_NOTE + String.join(" ", params.stop().stream().map(s -> "\"" + s.replace("\n", "\\n") + "\"").toList()));
        }
        return notes;
    }

    private static Path blob(OllamaStore store, OllamaManifest.Layer layer, String location, String what) {
        Path blob = store.blob(layer);
        if (!Files.isRegularFile(blob)) {
            throw new TokenizerFormatException(location, "the " + what + " layer " + layer.digest() + " is missing from " + store.dir()
                    .resolve("blobs") + " (no " + layer.blobName() + "); the store is incomplete: pull the model again");
        }
        return blob;
    }

    /** The models folder of a manifest: the nearest folder above it holding {@code blobs/} and {@code manifests/}. */
    private static Path storeRoot(Path manifest, String location) {
        Path p = manifest.toAbsolutePath().getParent();
        for (int i = 0; i < 6 && p != null; i++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("blobs")) && Files.isDirectory(p.resolve("manifests"))) {
                return p;
            }
        }
        throw new TokenizerFormatException(location, "is an Ollama manifest outside an Ollama store: no folder above it holds"
                + " blobs/ and manifests/");
    }

    private static byte[] read(Path file, String location, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new TokenizerFormatException(location, "is over " + max + " bytes; not an Ollama manifest or params layer");
            }
            return b;
        } catch (IOException e) {
            throw new TokenizerFormatException(location, "cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] head(Path file, String location) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw new TokenizerFormatException(location, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String quote(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) {
            int c = x & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return sb.append('"').toString();
    }
}
