package dev.tokenlab.gguf.ollama;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Ollama keeps its models, found as Ollama finds them: {@code $OLLAMA_MODELS}; else {@code ~/.ollama/models}
 * (a user's own server); else {@code /usr/share/ollama/.ollama/models} (the Linux service's). The variables come
 * through a function and the folders are given, so tests control them; {@link #system()} is the real process.
 *
 * @param variables   the environment, by name; null for a variable that is not set
 * @param home        the user's home folder
 * @param serviceHome the Linux service's models folder
 */
record OllamaEnvironment(Function<String, String> variables, Path home, Path serviceHome) {
    /** Where the Linux installer's {@code ollama} service keeps its models. */
    static final Path SERVICE_MODELS = Path.of("/usr/share/ollama/.ollama/models");

    OllamaEnvironment {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(serviceHome, "serviceHome");
    }

    /** This process's environment and its user's home folder. */
    static OllamaEnvironment system() {
        return new OllamaEnvironment(System::getenv, Path.of(System.getProperty("user.home", ".")), SERVICE_MODELS);
    }

    /** The models folder (holding {@code manifests/} and {@code blobs/}), and where it was found. */
    Store store() {
        Optional<String> configured = Optional.ofNullable(variables.apply("OLLAMA_MODELS")).filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            String v = configured.get();
            Path p = v.equals("~") ? home : v.startsWith("~/") ? home.resolve(v.substring(2)) : Path.of(v);
            return new Store(p, "OLLAMA_MODELS");
        }
        Path user = home.resolve(".ollama").resolve("models");
        if (Files.isDirectory(user) || !Files.isDirectory(serviceHome)) {
            return new Store(user, "~/.ollama/models");
        }
        return new Store(serviceHome, serviceHome.toString());
    }

    /** A models folder and how it was chosen ({@code OLLAMA_MODELS}, {@code ~/.ollama/models} …), for messages. */
    record Store(Path dir, String origin) {
    }
}
