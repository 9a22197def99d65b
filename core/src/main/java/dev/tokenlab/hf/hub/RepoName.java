package dev.tokenlab.hf.hub;

import dev.tokenlab.TokenizerException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model repository on the Hugging Face Hub as {@code hf:} names it: {@code ORG/NAME}, optionally
 * {@code @REVISION} (a branch, a tag or a commit). Parsing checks what the Hub itself allows, so that a
 * name can never reach outside the cache folder or the URL path it is put into.
 *
 * <p>The rules are the Hub's (as {@code huggingface_hub}'s {@code validate_repo_id} states them): each part
 * is ASCII letters, digits, {@code -}, {@code _} and {@code .}, starts and ends with a letter, digit or
 * {@code _}, is at most 96 characters, and holds neither {@code --} (the cache's separator) nor {@code ..};
 * the name does not end in {@code .git}. A revision is a git ref name ({@code main}, {@code v1.0},
 * {@code refs/pr/1}) made of the same characters plus {@code /} between non-empty parts, none starting with
 * a dot; 40 lower-case hex digits are a commit.
 *
 * @param org      the user or organisation ({@code Qwen})
 * @param name     the repository ({@code Qwen3-8B})
 * @param revision the revision asked for, or null for the default branch
 */
record RepoName(String org, String name, String revision) {
    /** The branch the Hub serves when no revision is given. */
    static final String DEFAULT_REVISION = "main";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?");
    private static final Pattern REF_PART = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final int MAX_REVISION = 255;
    private static final String FORM = "write hf:ORG/NAME or hf:ORG/NAME@REVISION, for example hf:Qwen/Qwen3-8B";

    /**
     * The repository {@code text} names ({@code Qwen/Qwen3-8B@main}, without {@code hf:}).
     *
     * @throws TokenizerException in one line, if {@code text} is not a name the Hub could have
     */
    static RepoName parse(String text) {
        String t = text.trim();
        String shown = "hf:" + Messages.clean(t);
        int at = t.indexOf('@');
        String id = at < 0 ? t : t.substring(0, at);
        String revision = at < 0 ? null : t.substring(at + 1);
        int slash = id.indexOf('/');
        if (slash < 0) {
            throw new TokenizerException(shown + " is not a Hugging Face model name: it has no ORG/ part; " + FORM);
        }
        String org = id.substring(0, slash);
        String name = id.substring(slash + 1);
        if (org.isEmpty() || name.isEmpty()) {
            throw new TokenizerException(shown + " is not a Hugging Face model name: the " + (org.isEmpty() ? "ORG" : "NAME")
                    + " part is empty; " + FORM);
        }
        if (name.indexOf('/') >= 0) {
            throw new TokenizerException(shown + " is not a Hugging Face model name: it has more than one /; " + FORM);
        }
        checkPart(shown, "ORG", org);
        checkPart(shown, "NAME", name);
        if (name.endsWith(".git")) {
            throw new TokenizerException(shown + " is not a Hugging Face model name: the NAME cannot end in .git; " + FORM);
        }
        if (revision != null) {
            checkRevision(shown, revision);
        }
        return new RepoName(org, name, revision);
    }

    private static void checkPart(String shown, String which, String part) {
        if (part.contains("..") || part.contains("--")) {
            throw new TokenizerException(shown + " is not a Hugging Face model name: the " + which
                    + " part cannot contain .. or --; " + FORM);
        }
        if (!PART.matcher(part).matches()) {
            throw new TokenizerException(shown + " is not a Hugging Face model name: the " + which + " part may hold only"
                    + " letters, digits, - _ and . (not first or last), at most 96 of them; " + FORM);
        }
    }

    private static void checkRevision(String shown, String revision) {
        String bad = null;
        if (revision.isEmpty()) {
            bad = "the REVISION after @ is empty";
        } else if (revision.length() > MAX_REVISION) {
            bad = "the REVISION is longer than " + MAX_REVISION + " characters";
        } else if (revision.contains("..")) {
            bad = "the REVISION cannot contain ..";
        } else {
            for (String part : revision.split("/", -1)) {
                if (!REF_PART.matcher(part).matches() || part.endsWith(".lock")) {
                    bad = "the REVISION must be a branch, a tag or a commit: letters, digits, - _ . and / between parts";
                    break;
                }
            }
        }
        if (bad != null) {
            throw new TokenizerException(shown + " is not a Hugging Face model name: " + bad + "; " + FORM);
        }
    }

    /** {@code ORG/NAME}, as the Hub's URLs and {@code huggingface_hub} write it. */
    String repoId() {
        return org + "/" + name;
    }

    /** The revision to ask the Hub for: the one given, else {@value #DEFAULT_REVISION}. */
    String revisionOrDefault() {
        return revision == null ? DEFAULT_REVISION : revision;
    }

    /** Whether the revision is a full commit hash (40 lower-case hex digits), which needs no ref to find. */
    boolean isCommit() {
        return isCommitHash(revisionOrDefault());
    }

    /** Whether {@code s} is a full commit hash as the Hub writes it (40 lower-case hex digits). */
    static boolean isCommitHash(String s) {
        return s != null && COMMIT.matcher(s).matches();
    }

    /** The revision, if one was given. */
    Optional<String> givenRevision() {
        return Optional.ofNullable(revision);
    }

    /** The cache folder's name, {@code models--ORG--NAME}, as {@code huggingface_hub} names it. */
    String folderName() {
        return "models--" + org + "--" + name;
    }

    /** How Tokenlab names this model: {@code hf:ORG/NAME}, with {@code @REVISION} when one was given. */
    String display() {
        return "hf:" + repoId() + (revision == null ? "" : "@" + revision);
    }

    @Override
    public String toString() {
        return display();
    }
}
