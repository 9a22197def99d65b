package dev.tokenlab;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tokenlab.testing.Architecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Core's shape, enforced: what it exports, what it depends on, and which way its packages point.
 * See docs/ARCHITECTURE.md for the picture these rules keep true.
 */
class ArchitectureTest {
    private static final String[] HOT_PATH = {"dev.tokenlab.bpe..", "dev.tokenlab.pretokenize..", "dev.tokenlab.regex..",
        "dev.tokenlab.sentencepiece..", "dev.tokenlab.tiktoken.."};

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = Architecture.mainClasses();
    }

    @Test
    void exportsExactlyTheApiTheBudgetTheTeachingViewsAndTheSpi() {
        ModuleDescriptor module = Architecture.coreModule();
        assertEquals("dev.tokenlab.core", module.name());
        assertEquals(Set.of("dev.tokenlab", "dev.tokenlab.budget", "dev.tokenlab.explain", "dev.tokenlab.spi"),
                Architecture.corePackagesExported());
        assertEquals(Set.of(), module.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()), "no qualified exports");
        // java.net.http: the hf: scheme downloads tokenizer.json with the JDK's HttpClient (see module-info).
        assertEquals(Set.of("java.base", "java.net.http"), module.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toCollection(TreeSet::new)), "core requires nothing but JDK modules: java.base and java.net.http");
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles(Architecture.CORE).check(core);
    }

    @Test
    void dependsOnlyOnTheJdk() {
        // javax.net.ssl is java.base's: the hf: scheme tells a TLS failure from other network errors.
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.tokenlab..", "java..", "javax.net.ssl..")
                .as("core has no dependencies but the JDK").check(core);
    }

    @Test
    void theHotPathKnowsNothingOfTeachingViewsOrBudgets() {
        noClasses().that().resideInAnyPackage(HOT_PATH)
                .should().dependOnClassesThat().resideInAnyPackage("dev.tokenlab.explain..", "dev.tokenlab.budget..", "dev.tokenlab.cli..")
                .check(core);
    }

    @Test
    void theApiDoesNotReachIntoEngines() {
        noClasses().that().resideInAnyPackage("dev.tokenlab", "dev.tokenlab.spi")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tokenlab.bpe..", "dev.tokenlab.pretokenize..",
                        "dev.tokenlab.sentencepiece..", "dev.tokenlab.tiktoken..", "dev.tokenlab.vocab..", "dev.tokenlab.catalog..",
                        "dev.tokenlab.explain..", "dev.tokenlab.budget..")
                .as("the API and the SPI find engines and formats through ServiceLoader only").check(core);
    }

    @Test
    void byteReadingDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("dev.tokenlab.vocab..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tokenlab.tiktoken..", "dev.tokenlab.sentencepiece..",
                        "dev.tokenlab.catalog..", "dev.tokenlab.explain..", "dev.tokenlab.budget..", "dev.tokenlab.spi..")
                .check(core);
    }

    @Test
    void publicSignaturesOfExportedPackagesUseOnlyExportedTypes() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAnyPackage("dev.tokenlab", "dev.tokenlab.spi", "dev.tokenlab.budget", "dev.tokenlab.explain")
                .should(Signatures.useOnlyExportedTypes(Architecture.corePackagesExported()))
                .check(core);
    }
}
