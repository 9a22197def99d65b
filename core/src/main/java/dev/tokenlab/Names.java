package dev.tokenlab;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggests the known names closest to a mistyped one. */
final class Names {
    private Names() {
    }

    /** Up to three known names within a small edit distance of {@code name}, closest first. */
    static List<String> closest(String name, List<String> known) {
        String n = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, n.length() / 3);
        return known.stream()
                .distinct()
                .filter(k -> distance(n, k.toLowerCase(Locale.ROOT)) <= limit || k.toLowerCase(Locale.ROOT).startsWith(n))
                .sorted(Comparator.comparingInt((String k) -> distance(n, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k))
                .limit(3)
                .toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
