package dev.tokenlab.cli.input;

import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;

import java.io.IOException;
import java.io.InputStream;
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
 * relative to the directory, without what {@code .gitignore} files ignore, without {@code --exclude}
 * matches, and only {@code --include} matches when there are any. {@code .git} directories are never
 * entered; symbolic links are not followed (they are listed as skipped).
 *
 * <p>Patterns are matched by JGit's implementation of gitignore(5) ({@link IgnoreNode},
 * {@link FastIgnoreRule}), so they mean what they mean to Git: negation, {@code dir/}, anchoring,
 * {@code *}, {@code ?}, {@code **}, classes with POSIX names ({@code [[:space:]]}), escapes, trailing
 * spaces. The {@code .gitignore} files read: every one inside the tree (each applies to its directory
 * and below; the deepest file that has a matching pattern decides, and within a file the last matching
 * pattern), and, when the directory is inside a Git working tree, the ones of its parent directories up
 * to the working tree's root and that root's {@code .git/info/exclude}. Not read: the global
 * {@code core.excludesFile} ({@code ~/.config/git/ignore}), {@code core.ignoreCase}, and the index (a
 * file Git tracks is still ignored here if a pattern matches it).
 *
 * <pre>{@code
 * new FileWalker(List.of(), List.of(new FastIgnoreRule("*.min.js")), true).walk(Path.of("src"));
 * // [Entry[display=src/app.js, ...], Entry[display=src/util/a.js, ...]]
 * }</pre>
 */
public final class FileWalker {

    /**
     * One path found.
     *
     * @param display    the path to print: the directory as given, then the relative path
     * @param path       the file
     * @param relative   the path relative to the walked directory, {@code /}-separated (the sort key)
     * @param skipReason why it is not counted (a symbolic link, not a regular file, unreadable), or null
     */
    public record Entry(String display, Path path, String relative, String skipReason) {
    }

    /** One {@code .gitignore} (or {@code info/exclude}) and the directory its patterns are relative to; null rules when none. */
    private record RuleSet(Path base, IgnoreNode rules) {
    }

    private final List<FastIgnoreRule> includes;
    private final List<FastIgnoreRule> excludes;
    private final boolean gitignore;

    /**
     * @param includes  {@code --include} globs: when there are any, only files they match (or inside a directory they match)
     * @param excludes  {@code --exclude} globs: files and directories left out
     * @param gitignore whether to honour {@code .gitignore} files and {@code .git/info/exclude}
     */
    public FileWalker(List<FastIgnoreRule> includes, List<FastIgnoreRule> excludes, boolean gitignore) {
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.gitignore = gitignore;
    }

    /** The files under {@code dir} (which may be a symbolic link to a directory), sorted by relative path. */
    public List<Entry> walk(Path dir) throws IOException {
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
                rules.add(new RuleSet(d, gitignore ? readRules(d.resolve(".gitignore")) : null));
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

    /** Whether one of {@code rules} matches the whole of {@code rel}. */
    private static boolean matchesAny(List<FastIgnoreRule> rules, String rel, boolean isDirectory) {
        for (FastIgnoreRule r : rules) {
            if (r.isMatch(rel, isDirectory, true)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Git's rule: the deepest ignore file with a matching pattern decides, and in it the last matching
     * pattern ({@link IgnoreNode#checkIgnored}: ignored, re-included by {@code !}, or no match).
     */
    private static boolean ignored(List<RuleSet> rules, Path path, boolean isDirectory) {
        for (int k = rules.size() - 1; k >= 0; k--) {
            RuleSet set = rules.get(k);
            if (set.rules() == null || !path.startsWith(set.base()) || path.equals(set.base())) {
                continue;
            }
            Boolean ignored = set.rules().checkIgnored(relative(set.base(), path), isDirectory);
            if (ignored != null) {
                return ignored;
            }
        }
        return false;
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
        rules.add(new RuleSet(top, readRules(top.resolve(".git").resolve("info").resolve("exclude"))));
        for (Path p = root.getParent(); p != null && p.startsWith(top); p = p.getParent()) {
            rules.add(1, new RuleSet(p, readRules(p.resolve(".gitignore"))));
        }
        return rules;
    }

    /**
     * The rules of an ignore file, read by JGit (CRLF line ends, comments, escapes); null when it is
     * missing, unreadable or has no rule. Lines that are no valid pattern (an unclosed {@code [}) match
     * nothing, as in Git.
     */
    public static IgnoreNode readRules(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        IgnoreNode node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(file)) {
            node.parse(file.toString(), in);
        } catch (IOException e) {
            return null;
        }
        return node.getRules().isEmpty() ? null : node;
    }

    /** {@code path} relative to {@code base}, with {@code /} separators. */
    public static String relative(Path base, Path path) {
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
