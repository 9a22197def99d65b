package dev.tokenlab.springai;

import dev.tokenlab.testing.IntegrationArchitecture;

/** The integration uses core only through its exported packages, and has no package cycles. */
class ArchitectureTest extends IntegrationArchitecture {
    ArchitectureTest() {
        super("dev.tokenlab.springai");
    }
}
