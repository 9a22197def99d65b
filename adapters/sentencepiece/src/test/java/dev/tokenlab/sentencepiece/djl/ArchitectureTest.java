package dev.tokenlab.sentencepiece.djl;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tokenlab.testing.Architecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter uses core only through its exported API and SPI, and has no package cycles. */
class ArchitectureTest {
    private static JavaClasses adapter;

    @BeforeAll
    static void importAdapter() {
        adapter = Architecture.mainClasses();
    }

    @Test
    void usesOnlyCoresExportedPackages() {
        Architecture.onlyExportedCorePackages().check(adapter);
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles("dev.tokenlab.sentencepiece.djl").check(adapter);
    }
}
