package dev.tokenlab.templates;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tokenlab.testing.Architecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine uses core only through its exported API, and — the sandbox's floor — nothing in it can reach
 * reflection, files, the network, processes or the environment, whatever a template says.
 */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = Architecture.mainClasses();
    }

    @Test
    void usesOnlyCoresExportedPackages() {
        Architecture.onlyExportedCorePackages().check(engine);
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles("dev.tokenlab.templates").check(engine);
    }

    @Test
    void noReflectionFilesNetworkProcessesOrEnvironment() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..", "java.io..",
                        "java.nio.file..", "java.net..", "java.lang.management..", "javax.script..")
                .orShould().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Runtime.class, System.class,
                        ClassLoader.class, Thread.class)
                .as("the template engine touches no reflection, files, network, processes or environment")
                .check(engine);
    }
}
