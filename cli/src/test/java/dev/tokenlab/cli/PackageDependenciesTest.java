package dev.tokenlab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's package layering, read from the main sources: the entry point on top, then the commands,
 * then options, the counting service, inputs and renderers, with {@code exit} at the bottom; no
 * package reaches up, so there are no cycles. And no class uses what core's module does not export.
 */
class PackageDependenciesTest {
    private static final String CLI = "dev.tokenlab.cli";

    /** Which CLI packages each CLI package may use (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            CLI, Set.of("command", "exit", "render"),
            "command", Set.of("options", "count", "input", "render", "render.compare", "render.explain", "exit"),
            "options", Set.of("input", "render", "exit"),
            "count", Set.of("input", "exit"),
            "render.explain", Set.of("render", "exit"),
            "render.compare", Set.of("render", "exit"),
            "render", Set.of("input", "exit"),
            "input", Set.of("exit"),
            "exit", Set.of());

    /** What core's module-info exports. */
    private static final Set<String> CORE_EXPORTS = Set.of("dev.tokenlab", "dev.tokenlab.budget", "dev.tokenlab.explain",
            "dev.tokenlab.spi");

    private static final Pattern CLI_NAME = Pattern.compile("\\bdev\\.tokenlab\\.cli((?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern CORE_NAME = Pattern.compile("\\bdev\\.tokenlab((?:\\.[a-z]\\w*)*)\\.[A-Z]");

    private static List<Path> sources() throws IOException {
        Path root = Path.of("src/main/java");
        assertTrue(Files.isDirectory(root), "run from the cli module: " + root.toAbsolutePath());
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(String source) {
        Matcher m = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(source);
        assertTrue(m.find());
        return m.group(1);
    }

    /** {@code dev.tokenlab.cli.render.compare} → {@code render.compare}; the top package stays whole. */
    private static String shortName(String pkg) {
        return pkg.equals(CLI) ? CLI : pkg.substring(CLI.length() + 1);
    }

    @Test
    void packagesUseOnlyThePackagesBelowThem() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path p : sources()) {
            String source = Files.readString(p);
            String from = shortName(packageOf(source));
            seen.add(from);
            assertTrue(ALLOWED.containsKey(from), "a package the layering does not name: " + from + " (" + p + ")");
            Matcher m = CLI_NAME.matcher(source.replaceAll("(?m)^package .*$", ""));
            while (m.find()) {
                String to = m.group(1).isEmpty() ? CLI : m.group(1).substring(1);
                if (!to.equals(from) && !ALLOWED.get(from).contains(to)) {
                    wrong.add(p.getFileName() + ": " + from + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(new TreeSet<>(ALLOWED.keySet()), seen, "every package of the layering exists");
    }

    @Test
    void onlyWhatCoreExportsIsUsed() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path p : sources()) {
            Matcher m = CORE_NAME.matcher(Files.readString(p));
            while (m.find()) {
                String pkg = "dev.tokenlab" + m.group(1);
                if (!pkg.startsWith(CLI) && !CORE_EXPORTS.contains(pkg)) {
                    wrong.add(p.getFileName() + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), wrong, "core's internal packages are not for the CLI");
    }
}
