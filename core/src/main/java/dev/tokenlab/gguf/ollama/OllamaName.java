package dev.tokenlab.gguf.ollama;

import dev.tokenlab.TokenizerException;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An Ollama model name, {@code [HOST/][NAMESPACE/]MODEL[:TAG]}, as Ollama spells and stores it: the host defaults to
 * {@code registry.ollama.ai}, the namespace to {@code library}, the tag to {@code latest}; the manifest is
 * {@code manifests/HOST/NAMESPACE/MODEL/TAG}. So {@code llama3.1} is {@code registry.ollama.ai/library/llama3.1:latest},
 * {@code jmorgan/mistral:7b} another namespace, {@code hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M} a model
 * pulled from Hugging Face.
 *
 * @param host      the registry host
 * @param namespace the namespace (user or organisation)
 * @param model     the model
 * @param tag       the tag
 */
record OllamaName(String host, String namespace, String model, String tag) {
    static final String DEFAULT_HOST = "registry.ollama.ai";
    static final String DEFAULT_NAMESPACE = "library";
    static final String DEFAULT_TAG = "latest";

    /** One path segment as Ollama allows it (letters, digits, {@code _ . -}; never {@code .} or {@code ..} alone). */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,253}(:[0-9]{1,5})?");

    /**
     * Parses a name.
     *
     * @throws TokenizerException in one line if it is not one Ollama could store
     */
    static OllamaName parse(String name) {
        String s = name.trim();
        String tag = DEFAULT_TAG;
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
        }
        String[] parts = s.split("/", -1);
        String host = DEFAULT_HOST;
        String namespace = DEFAULT_NAMESPACE;
        String model;
        switch (parts.length) {
            case 1 -> model = parts[0];
            case 2 -> {
                namespace = parts[0];
                model = parts[1];
            }
            case 3 -> {
                host = parts[0];
                namespace = parts[1];
                model = parts[2];
            }
            default -> throw bad(name, "more than HOST/NAMESPACE/MODEL");
        }
        if (!HOST.matcher(host).matches()) {
            throw bad(name, "the host \"" + host + "\" is not a host name");
        }
        for (String part : new String[] {namespace, model, tag}) {
            if (!PART.matcher(part).matches()) {
                throw bad(name, part.isEmpty() ? "an empty part" : "\"" + part + "\" is not a valid name part (letters, digits, _ . -)");
            }
        }
        return new OllamaName(host, namespace, model, tag);
    }

    private static TokenizerException bad(String name, String why) {
        return new TokenizerException("ollama:" + name + " is not an Ollama model name ([HOST/][NAMESPACE/]MODEL[:TAG]): " + why);
    }

    /** The manifest's path under the models folder. */
    Path manifest(Path modelsDir) {
        return modelsDir.resolve("manifests").resolve(host).resolve(namespace).resolve(model).resolve(tag);
    }

    /** The name as Ollama prints it: defaults left out ({@code llama3.1:latest}, {@code jmorgan/mistral:7b}, {@code hf.co/o/r:Q4}). */
    String display() {
        String prefix = host.equals(DEFAULT_HOST) ? namespace.equals(DEFAULT_NAMESPACE) ? "" : namespace + "/" : host + "/" + namespace + "/";
        return prefix + model + ":" + tag;
    }
}
