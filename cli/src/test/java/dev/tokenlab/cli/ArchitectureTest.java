package dev.tokenlab.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tokenlab.testing.Architecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The CLI's shape: the entry point on top, then the commands, then options, chat formats (core's built-in
 * ones and the templates module's Jinja templates), the counting service, inputs and renderers, with {@code exit} (exit codes, the one error type) at the bottom; no package
 * reaches up, so there are no cycles; and nothing of core is used that core's module does not export.
 */
class ArchitectureTest {
    private static final String CLI = "dev.tokenlab.cli";
    private static JavaClasses cli;

    @BeforeAll
    static void importCli() {
        cli = Architecture.mainClasses();
    }

    @Test
    void packagesUseOnlyThePackagesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("entry").definedBy(CLI)
                .layer("command").definedBy(CLI + ".command..")
                .layer("options").definedBy(CLI + ".options..")
                .layer("chat").definedBy(CLI + ".chat..")
                .layer("count").definedBy(CLI + ".count..")
                .layer("render.explain").definedBy(CLI + ".render.explain..")
                .layer("render.compare").definedBy(CLI + ".render.compare..")
                .layer("render").definedBy(CLI + ".render")
                .layer("input").definedBy(CLI + ".input..")
                .layer("exit").definedBy(CLI + ".exit..")
                .whereLayer("entry").mayOnlyAccessLayers("command", "exit", "render")
                .whereLayer("command").mayOnlyAccessLayers("options", "chat", "count", "input", "render", "render.compare",
                        "render.explain", "exit")
                .whereLayer("options").mayOnlyAccessLayers("input", "render", "exit")
                .whereLayer("chat").mayOnlyAccessLayers("input", "exit")
                .whereLayer("count").mayOnlyAccessLayers("input", "exit")
                .whereLayer("render.explain").mayOnlyAccessLayers("render", "exit")
                .whereLayer("render.compare").mayOnlyAccessLayers("render", "exit")
                .whereLayer("render").mayOnlyAccessLayers("input", "exit")
                .whereLayer("input").mayOnlyAccessLayers("exit")
                .whereLayer("exit").mayNotAccessAnyLayer()
                .check(cli);
    }

    /** The templates module (Jinja chat templates) is reached through the chat package and the commands that print its results. */
    @Test
    void onlyChatAndCommandsUseTheTemplatesModule() {
        noClasses().that().resideOutsideOfPackages(CLI + ".chat..", CLI + ".command..")
                .should().dependOnClassesThat().resideInAPackage("dev.tokenlab.templates..")
                .check(cli);
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles(CLI).check(cli);
    }

    @Test
    void usesOnlyCoresExportedPackages() {
        Architecture.onlyExportedCorePackages().check(cli);
    }
}
