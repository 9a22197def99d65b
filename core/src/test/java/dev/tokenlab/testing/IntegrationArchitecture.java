package dev.tokenlab.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The architecture rules every framework integration keeps (LangChain4j, Spring AI, Spark): it uses core only through
 * its exported packages, and its own packages have no cycles. A module's {@code ArchitectureTest} extends this with
 * its root package.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IntegrationArchitecture {
    private final String root;
    private JavaClasses integration;

    /** @param root the integration's root package, e.g. {@code dev.tokenlab.spark} */
    protected IntegrationArchitecture(String root) {
        this.root = root;
    }

    @BeforeAll
    void importIntegration() {
        integration = Architecture.mainClasses();
    }

    @Test
    void usesOnlyCoresExportedPackages() {
        Architecture.onlyExportedCorePackages().check(integration);
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles(root).check(integration);
    }
}
