package dev.tokenlab.hf.hub;

import dev.tokenlab.TokenizerException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings {@code hf:} takes from the environment, read as {@code huggingface_hub} reads them, so a
 * machine set up for the Python tools (cache folder, mirror, token, offline mode) works for Tokenlab
 * unchanged. The variables come through a function and the home folder is given, never read from the
 * process directly here, so tests control both; {@link #system()} is the real process.
 *
 * <ul>
 *   <li>cache: {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE} (legacy), else
 *       {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else
 *       {@code ~/.cache/huggingface/hub}; {@code ~} and {@code $VAR} expand in {@code HF_HUB_CACHE},
 *       {@code HF_HOME} and {@code HF_TOKEN_PATH} as they do in Python.</li>
 *   <li>endpoint: {@code HF_ENDPOINT} without trailing slashes, else {@code https://huggingface.co}.</li>
 *   <li>token: {@code HF_TOKEN}, else {@code HUGGING_FACE_HUB_TOKEN} (legacy), else the file
 *       {@code HF_TOKEN_PATH}, else {@code $HF_HOME/token} (what {@code hf auth login} writes); line breaks
 *       and surrounding blanks removed; none at all when {@code HF_HUB_DISABLE_IMPLICIT_TOKEN} is true.</li>
 *   <li>offline: {@code HF_HUB_OFFLINE}, else {@code TRANSFORMERS_OFFLINE}, true when {@code 1}, {@code ON},
 *       {@code YES} or {@code TRUE} in any case.</li>
 *   <li>timeout: {@code HF_HUB_DOWNLOAD_TIMEOUT}, whole seconds (default 10), the longest wait for an answer
 *       or for the next bytes of a download.</li>
 * </ul>
 * One difference from Python: a variable set to the empty string counts as unset.
 *
 * @param variables the environment, by name; returns null for a variable that is not set
 * @param home      the user's home folder, for {@code ~}
 */
record HubEnvironment(Function<String, String> variables, Path home) {
    /** Where the Hub lives unless {@code HF_ENDPOINT} says otherwise. */
    static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+|\\{([^}]*)})");

    HubEnvironment {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(home, "home");
    }

    /** This process's environment and its user's home folder. */
    static HubEnvironment system() {
        return new HubEnvironment(System::getenv, Path.of(System.getProperty("user.home", ".")));
    }

    /** The variable {@code name}, or empty when it is unset or empty. */
    Optional<String> get(String name) {
        String v = variables.apply(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** The Hub cache folder (the one holding {@code models--ORG--NAME}); it need not exist yet. */
    Path cacheDir() {
        Optional<String> hubCache = get("HF_HUB_CACHE").or(() -> get("HUGGINGFACE_HUB_CACHE"));
        if (hubCache.isPresent()) {
            return path("HF_HUB_CACHE", hubCache.get());
        }
        return hfHome().resolve("hub");
    }

    /** {@code HF_HOME}, else {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface}. */
    Path hfHome() {
        Optional<String> hfHome = get("HF_HOME");
        if (hfHome.isPresent()) {
            return path("HF_HOME", hfHome.get());
        }
        Path cache = get("XDG_CACHE_HOME").map(x -> path("XDG_CACHE_HOME", x)).orElse(home.resolve(".cache"));
        return cache.resolve("huggingface");
    }

    /**
     * The Hub's base URL without a trailing slash.
     *
     * @throws TokenizerException if {@code HF_ENDPOINT} is not an http or https URL with a host
     */
    URI endpoint() {
        String raw = get("HF_ENDPOINT").orElse(DEFAULT_ENDPOINT).strip();
        String e = raw;
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        try {
            URI uri = new URI(e);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new TokenizerException("HF_ENDPOINT \"" + Messages.clean(raw) + "\" is not an http(s) URL such as "
                + DEFAULT_ENDPOINT + "; fix or unset it");
    }

    /** Whether offline mode is on: the network is never used, only the cache. */
    boolean offline() {
        return get("HF_HUB_OFFLINE").or(() -> get("TRANSFORMERS_OFFLINE")).map(HubEnvironment::isTrue).orElse(false);
    }

    /** The access token to send to the Hub, and where it came from; empty when there is none. */
    Optional<Token> token() {
        if (get("HF_HUB_DISABLE_IMPLICIT_TOKEN").map(HubEnvironment::isTrue).orElse(false)) {
            return Optional.empty();
        }
        for (String name : new String[] {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
            Optional<String> t = get(name).map(HubEnvironment::cleanToken).filter(s -> !s.isEmpty());
            if (t.isPresent()) {
                return Optional.of(new Token(t.get(), name));
            }
        }
        Path file = tokenPath();
        try {
            String t = cleanToken(Files.readString(file, StandardCharsets.UTF_8));
            return t.isEmpty() ? Optional.empty() : Optional.of(new Token(t, file.toString()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The token file: {@code HF_TOKEN_PATH}, else {@code token} in {@link #hfHome()}. */
    Path tokenPath() {
        return get("HF_TOKEN_PATH").map(p -> path("HF_TOKEN_PATH", p)).orElse(hfHome().resolve("token"));
    }

    /** The longest wait for an answer or for the next bytes: {@code HF_HUB_DOWNLOAD_TIMEOUT} seconds, else 10 s. */
    Duration timeout() {
        Optional<String> t = get("HF_HUB_DOWNLOAD_TIMEOUT");
        if (t.isPresent()) {
            try {
                long seconds = Long.parseLong(t.get().strip());
                if (seconds > 0 && seconds <= 24 * 3600) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException ignored) {
                // the default
            }
        }
        return DEFAULT_TIMEOUT;
    }

    private static boolean isTrue(String value) {
        return TRUE.contains(value.strip().toUpperCase(Locale.ROOT));
    }

    private static String cleanToken(String t) {
        return t.replace("\r", "").replace("\n", "").strip();
    }

    /** {@code value} as a path, with {@code ~} and {@code $VAR} / {@code ${VAR}} expanded as Python's {@code os.path} does. */
    private Path path(String variable, String value) {
        String v = expandVariables(value);
        if (v.equals("~")) {
            return home;
        }
        try {
            if (v.startsWith("~/") || v.startsWith("~\\")) {
                return home.resolve(v.substring(2));
            }
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new TokenizerException(variable + " \"" + Messages.clean(value) + "\" is not a valid path here; fix or unset it");
        }
    }

    private String expandVariables(String value) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(1);
            String v = variables.apply(name);
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * An access token and where it was found (a variable's name or the token file), which messages name.
     * Its {@link #toString()} never shows the token.
     *
     * @param value  the token
     * @param source {@code HF_TOKEN}, {@code HUGGING_FACE_HUB_TOKEN} or the token file's path
     */
    record Token(String value, String source) {
        @Override
        public String toString() {
            return "Token[from " + source + "]";
        }
    }
}
