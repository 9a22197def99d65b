package dev.tokenlab.springai;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tokenlab.testing.Architecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The integration uses core only through its exported packages, and has no package cycles. */
class ArchitectureTest {
    private static final String OWN = "dev.tokenlab.springai";
    private static JavaClasses integration;

    @BeforeAll
    static void importIntegration() {
        integration = Architecture.mainClasses();
    }

    @Test
    void usesOnlyCoresExportedPackages() {
        Set<String> exported = Architecture.corePackagesExported();
        DescribedPredicate<JavaClass> internal = new DescribedPredicate<>("are in a package of core that core does not export") {
            @Override
            public boolean test(JavaClass c) {
                String p = c.getPackageName();
                return p.startsWith(Architecture.CORE + ".") && !exported.contains(p) && !p.equals(OWN);
            }
        };
        noClasses().should().dependOnClassesThat(internal).check(integration);
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles(OWN).check(integration);
    }
}
