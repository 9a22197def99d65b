package dev.tokenlab.pretokenize;

/** The English contraction suffixes of the tiktoken patterns, after an apostrophe. */
final class Contractions {
    private Contractions() {
    }

    /**
     * Length of {@code s t m d re ve ll} at {@code i} (just after an apostrophe), 0 if none.
     * Case-insensitive as Rust's {@code (?i)} with Unicode simple case folding: ſ (U+017F) is an s.
     */
    static int anyCase(CharSequence text, int i, int to) {
        if (i >= to) {
            return 0;
        }
        char a = text.charAt(i);
        switch (a) {
            case 's', 'S', '\u017F', 't', 'T', 'm', 'M', 'd', 'D':
                return 1;
            default:
                break;
        }
        if (i + 1 >= to) {
            return 0;
        }
        char b = text.charAt(i + 1);
        boolean two = switch (a) {
            case 'r', 'R', 'v', 'V' -> b == 'e' || b == 'E';
            case 'l', 'L' -> b == 'l' || b == 'L';
            default -> false;
        };
        return two ? 2 : 0;
    }

    /** Like {@link #anyCase} but lower case only, as GPT-2's {@code '(?:[sdmt]|ll|ve|re)}. */
    static int lowerCase(CharSequence text, int i, int to) {
        if (i >= to) {
            return 0;
        }
        char a = text.charAt(i);
        if (a == 's' || a == 'd' || a == 'm' || a == 't') {
            return 1;
        }
        if (i + 1 >= to) {
            return 0;
        }
        char b = text.charAt(i + 1);
        return (a == 'l' && b == 'l') || (a == 'v' && b == 'e') || (a == 'r' && b == 'e') ? 2 : 0;
    }
}
