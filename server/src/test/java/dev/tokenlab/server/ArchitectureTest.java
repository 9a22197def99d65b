package dev.tokenlab.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tokenlab.testing.Architecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The server uses core only through its exported API; its public surface is the server and its configuration;
 * and no class in it prints a stack trace (failures become one JSON error).
 */
class ArchitectureTest {
    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = Architecture.mainClasses();
    }

    @Test
    void usesOnlyCoresExportedPackages() {
        Architecture.onlyExportedCorePackages().check(server);
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles("dev.tokenlab.server").check(server);
    }

    @Test
    void publicSurfaceIsTheServerAndItsConfiguration() {
        classes().that().arePublic().should().haveSimpleName("TokenlabServer").orShould().haveSimpleName("ServerConfig")
                .check(server);
    }

    @Test
    void noStackTraces() {
        noClasses().should().callMethod(Throwable.class, "printStackTrace")
                .as("failures answer one JSON error; no stack trace is printed or sent").check(server);
    }
}
