package dev.tokenlab.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.tokenlab.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules every module's {@code ArchitectureTest} checks, in one place: no package
 * cycles, and only core's exported packages used from outside core. The exported packages are read
 * from core's compiled {@code module-info}, so the rules follow the module boundary as it is.
 */
public final class Architecture {
    /** Core's root package: every package of core starts with it. */
    public static final String CORE = "dev.tokenlab";

    private Architecture() {
    }

    /** The classes compiled from a module's main sources ({@code target/classes}), without tests. */
    public static JavaClasses mainClasses() {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("no compiled classes in " + classes + "; run the tests through Maven");
        }
        return new ClassFileImporter().importPath(classes);
    }

    /** The packages core's {@code module-info} exports. */
    public static Set<String> corePackagesExported() {
        return coreModule().exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Core's module descriptor, read from the jar or folder its classes come from. */
    public static ModuleDescriptor coreModule() {
        try {
            Path location = Path.of(Tokenizer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (InputStream in = Files.newInputStream(location.resolve("module-info.class"))) {
                    return ModuleDescriptor.read(in);
                }
            }
            try (JarFile jar = new JarFile(location.toFile()); InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                return ModuleDescriptor.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * No cycles between the packages under {@code root}. Core's API ({@code dev.tokenlab}) and its SPI
     * ({@code dev.tokenlab.spi}) count as one layer: the facade finds the SPI's implementations and the
     * SPI's methods return the API's types, as {@code java.nio.file} and {@code java.nio.file.spi} do.
     */
    public static ArchRule noPackageCycles(String root) {
        return slices().assignedFrom(packagesUnder(root)).should().beFreeOfCycles()
                .as("no package cycles under " + root + " (the API and its SPI are one layer)");
    }

    /** Classes outside core use core only through the packages its module exports. */
    public static ArchRule onlyExportedCorePackages() {
        Set<String> exported = corePackagesExported();
        DescribedPredicate<JavaClass> internal = new DescribedPredicate<>("are in a package of core that core does not export") {
            @Override
            public boolean test(JavaClass c) {
                String p = c.getPackageName();
                return (p.equals(CORE) || p.startsWith(CORE + ".")) && !exported.contains(p) && !isOwnedOutsideCore(p);
            }
        };
        return noClasses().should().dependOnClassesThat(internal)
                .as("only core's exported packages " + exported.stream().sorted().toList() + " are used outside core");
    }

    /** Packages under {@code dev.tokenlab} that other modules own (adapters, templates, integrations, cli, benchmarks), not core. */
    private static boolean isOwnedOutsideCore(String p) {
        for (String owned : Set.of("dev.tokenlab.jtokkit", "dev.tokenlab.sentencepiece.djl", "dev.tokenlab.cli",
                "dev.tokenlab.benchmarks", "dev.tokenlab.example", "dev.tokenlab.templates", "dev.tokenlab.langchain4j",
                "dev.tokenlab.springai", "dev.tokenlab.server", "dev.tokenlab.spark")) {
            if (p.equals(owned) || p.startsWith(owned + ".")) {
                return true;
            }
        }
        return false;
    }

    private static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (!p.equals(root) && !p.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                if (p.equals(CORE) || p.equals(CORE + ".spi")) {
                    return SliceIdentifier.of("api+spi");
                }
                return SliceIdentifier.of(p);
            }

            @Override
            public String getDescription() {
                return "packages under " + root;
            }
        };
    }
}
