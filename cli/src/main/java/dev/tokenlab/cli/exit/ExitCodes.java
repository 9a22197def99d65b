package dev.tokenlab.cli.exit;

/**
 * The exit statuses of {@code tokenlab}, the same for every command. Scripts may rely on them.
 *
 * <pre>
 * $ tokenlab encode -m lama3 hi; echo $?
 * tokenlab: unknown model "lama3"; did you mean llama3, llama2, llama3.1?
 * 4
 * </pre>
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An error in the input or the data: unreadable or invalid UTF-8 file, bad model file, disallowed special token, id out of range. */
    public static final int ERROR = 1;
    /** The command line itself is wrong: unknown option, bad value, conflicting options, a model without BOS/EOS. */
    public static final int USAGE = 2;
    /** The text does not fit a token budget (reserved for the budget commands). */
    public static final int OVER_BUDGET = 3;
    /** No model, model profile or engine has that name; the message lists the closest names. */
    public static final int NOT_FOUND = 4;

    private ExitCodes() {
    }
}
