package dev.tokenlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the files under a directory that {@code count} reads: recursively, sorted by their path
 * relative to the directory, without what {@code .gitignore} files ignore (see {@link IgnorePattern}
 * for the rules), without {@code --exclude} matches, and only {@code --include} matches when there are
 * any. {@code .git} directories are never entered; symbolic links are not followed (they are listed as
 * skipped).
 *
 * <p>The {@code .gitignore} files read: every one inside the tree (each applies to its directory and
 * below, deeper files taking precedence), and, when the directory is inside a Git working tree, the
 * ones of its parent directories up to the working tree's root and that root's
 * {@code .git/info/exclude}. Not read: the global {@code core.excludesFile}, and the index (a file
 * Git tracks is still ignored here if a pattern matches it).
 *
 * <pre>{@code
 * new FileWalker(List.of(), List.of(IgnorePattern.parse("*.min.js").get()), true).walk(Path.of("src"));
 * // [Entry[display=src/app.js, ...], Entry[display=src/util/a.js, ...]]
 * }</pre>
 */
final class FileWalker {

    /**
     * One path found.
     *
     * @param display    the path to print: the directory as given, then the relative path
     * @param path       the file
     * @param relative   the path relative to the walked directory, {@code /}-separated (the sort key)
     * @param skipReason why it is not counted (a symbolic link, not a regular file, unreadable), or null
     */
    record Entry(String display, Path path, String relative, String skipReason) {
    }

    /** One {@code .gitignore} (or {@code info/exclude}) and the directory its patterns are relative to. */
    private record RuleSet(Path base, List<IgnorePattern> patterns) {
    }

    private final List<IgnorePattern> includes;
    private final List<IgnorePattern> excludes;
    private final boolean gitignore;

    FileWalker(List<IgnorePattern> includes, List<IgnorePattern> excludes, boolean gitignore) {
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.gitignore = gitignore;
    }

    /** The files under {@code dir} (which may be a symbolic link to a directory), sorted by relative path. */
    List<Entry> walk(Path dir) throws IOException {
        Path root = dir.toRealPath();
        List<RuleSet> rules = new ArrayList<>(gitignore ? enclosingRules(root) : List.of());
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(root)) {
                    String rel = relative(root, d);
                    if (d.getFileName().toString().equals(".git") || ignored(rules, d, true) || matchesAny(excludes, rel, true)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                rules.add(new RuleSet(d, gitignore ? readPatterns(d.resolve(".gitignore")) : List.of()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
                rules.remove(rules.size() - 1);
                if (e != null) {
                    entries.add(entry(dir, relative(root, d), d, "cannot read the directory: " + reason(e)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                String rel = relative(root, f);
                if (ignored(rules, f, false) || matchesAny(excludes, rel, false) || !included(rel)) {
                    return FileVisitResult.CONTINUE;
                }
                String skip = attrs.isSymbolicLink() ? "symbolic link (not followed)"
                        : attrs.isRegularFile() ? null : "not a regular file";
                entries.add(entry(dir, rel, f, skip));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                String rel = relative(root, f);
                if (!ignored(rules, f, false) && !matchesAny(excludes, rel, false) && included(rel)) {
                    entries.add(entry(dir, rel, f, "cannot read: " + reason(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        entries.sort(Comparator.comparing(Entry::relative));
        return entries;
    }

    private static Entry entry(Path dir, String rel, Path path, String skip) {
        return new Entry(dir.resolve(rel).toString(), path, rel, skip);
    }

    /** Whether {@code rel} or one of its directories matches an include (always true without includes). */
    private boolean included(String rel) {
        if (includes.isEmpty() || matchesAny(includes, rel, false)) {
            return true;
        }
        for (int slash = rel.indexOf('/'); slash >= 0; slash = rel.indexOf('/', slash + 1)) {
            if (matchesAny(includes, rel.substring(0, slash), true)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(List<IgnorePattern> patterns, String rel, boolean isDirectory) {
        for (IgnorePattern p : patterns) {
            if (p.matches(rel, isDirectory)) {
                return true;
            }
        }
        return false;
    }

    /** Git's rule: the last pattern that matches decides, deeper {@code .gitignore} files coming later. */
    private static boolean ignored(List<RuleSet> rules, Path path, boolean isDirectory) {
        boolean ignored = false;
        for (RuleSet set : rules) {
            if (set.patterns.isEmpty() || !path.startsWith(set.base) || path.equals(set.base)) {
                continue;
            }
            String rel = relative(set.base, path);
            for (IgnorePattern p : set.patterns) {
                if (p.matches(rel, isDirectory)) {
                    ignored = !p.negated();
                }
            }
        }
        return ignored;
    }

    /**
     * The rules that apply from outside {@code root}: when it is inside a Git working tree, that
     * tree's {@code .git/info/exclude} and the {@code .gitignore} files from the tree's root down to
     * {@code root}'s parent.
     */
    private static List<RuleSet> enclosingRules(Path root) {
        Path top = root;
        while (top != null && !Files.exists(top.resolve(".git"))) {
            top = top.getParent();
        }
        List<RuleSet> rules = new ArrayList<>();
        if (top == null) {
            return rules;
        }
        rules.add(new RuleSet(top, readPatterns(top.resolve(".git").resolve("info").resolve("exclude"))));
        for (Path p = root.getParent(); p != null && p.startsWith(top); p = p.getParent()) {
            rules.add(1, new RuleSet(p, readPatterns(p.resolve(".gitignore"))));
        }
        return rules;
    }

    /** The patterns of an ignore file; none when it is missing or unreadable. Bad lines are dropped, as Git does. */
    static List<IgnorePattern> readPatterns(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
        List<IgnorePattern> patterns = new ArrayList<>();
        for (String line : lines) {
            try {
                IgnorePattern.parse(line).ifPresent(patterns::add);
            } catch (IllegalArgumentException e) {
                // an unclosed '[': Git ignores the line too
            }
        }
        return patterns;
    }

    /** {@code path} relative to {@code base}, with {@code /} separators. */
    static String relative(Path base, Path path) {
        Path rel = base.relativize(path);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return Objects.toString(e.getMessage(), e.toString());
    }
}
