package dev.tokenlab;

import dev.tokenlab.spi.ModelFormat;
import dev.tokenlab.spi.ModelScheme;
import dev.tokenlab.spi.TokenizerProvider;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * What is registered through {@link ServiceLoader}: engines, model formats and name schemes, each
 * list loaded once, at first use. Core's own entries come first (its {@code module-info} and
 * {@code META-INF/services} list them), then any on the class or module path.
 */
final class Registry {
    private Registry() {
    }

    private static final class Engines {
        static final List<TokenizerProvider> ALL = load(TokenizerProvider.class);
    }

    private static final class Formats {
        static final List<ModelFormat> ALL = load(ModelFormat.class);
    }

    private static final class Schemes {
        static final List<ModelScheme> ALL = load(ModelScheme.class);
    }

    static List<TokenizerProvider> engines() {
        return Engines.ALL;
    }

    static List<ModelFormat> formats() {
        return Formats.ALL;
    }

    static List<ModelScheme> schemes() {
        return Schemes.ALL;
    }

    /** Every registered implementation of {@code type}: core's own first, then the others as the loader finds them. */
    private static <T> List<T> load(Class<T> type) {
        List<T> core = new ArrayList<>();
        List<T> others = new ArrayList<>();
        CodeSource coreSource = Registry.class.getProtectionDomain().getCodeSource();
        for (T found : ServiceLoader.load(type, Registry.class.getClassLoader())) {
            boolean isCore = Objects.equals(coreSource, found.getClass().getProtectionDomain().getCodeSource());
            (isCore ? core : others).add(found);
        }
        core.addAll(others);
        return List.copyOf(core);
    }
}
