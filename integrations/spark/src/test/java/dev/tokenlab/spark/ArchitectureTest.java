package dev.tokenlab.spark;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tokenlab.testing.Architecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The integration uses core only through its exported packages, and has no package cycles. */
class ArchitectureTest {
    private static JavaClasses integration;

    @BeforeAll
    static void importIntegration() {
        integration = Architecture.mainClasses();
    }

    @Test
    void usesOnlyCoresExportedPackages() {
        Architecture.onlyExportedCorePackages().check(integration);
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles("dev.tokenlab.spark").check(integration);
    }
}
