package dev.tokenlab.hf.pretokenizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@code Split} does with the pieces a pattern cuts a text into, by the Rust library's rules;
 * on {@code -the-final--countdown-} split on {@code -}: {@code Removed} → {@code the|final|countdown},
 * {@code Isolated} → {@code -|the|-|final|-|-|countdown|-}, {@code MergedWithPrevious} →
 * {@code -|the-|final-|-|countdown-}, {@code MergedWithNext} → {@code -the|-final|-|-countdown|-},
 * {@code Contiguous} → {@code -|the|-|final|--|countdown|-}.
 */
public enum SplitBehavior {
    Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous;

    /**
     * Applies this behaviour to pieces covering a text in order: {@code pieces} holds
     * {@code [start, end, isMatch]} triples (match flags already inverted when the Split is).
     *
     * @return the kept {@code [start, end)} ranges, in order (possibly empty ones)
     */
    List<int[]> apply(List<int[]> pieces) {
        List<int[]> out = new ArrayList<>();
        switch (this) {
            case Removed -> {
                for (int[] p : pieces) {
                    if (p[2] == 0) {
                        out.add(new int[] {p[0], p[1]});
                    }
                }
            }
            case Isolated -> {
                for (int[] p : pieces) {
                    out.add(new int[] {p[0], p[1]});
                }
            }
            case MergedWithPrevious -> {
                boolean previousMatch = false;
                for (int[] p : pieces) {
                    boolean match = p[2] != 0;
                    if (match && !previousMatch && !out.isEmpty()) {
                        out.get(out.size() - 1)[1] = p[1];
                    } else {
                        out.add(new int[] {p[0], p[1]});
                    }
                    previousMatch = match;
                }
            }
            case MergedWithNext -> {
                boolean nextMatch = false;
                for (int k = pieces.size() - 1; k >= 0; k--) {
                    int[] p = pieces.get(k);
                    boolean match = p[2] != 0;
                    if (match && !nextMatch && !out.isEmpty()) {
                        out.get(out.size() - 1)[0] = p[0];
                    } else {
                        out.add(new int[] {p[0], p[1]});
                    }
                    nextMatch = match;
                }
                Collections.reverse(out);
            }
            case Contiguous -> {
                int previous = -1;
                for (int[] p : pieces) {
                    if (p[2] == previous && !out.isEmpty()) {
                        out.get(out.size() - 1)[1] = p[1];
                    } else {
                        out.add(new int[] {p[0], p[1]});
                    }
                    previous = p[2];
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return out;
    }
}
