import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code jdeps -verbose:package} output on standard input and fails when the packages of
 * Tokenlab ({@code dev.tokenlab…}) form a cycle. One pair is allowed by design and printed as such:
 * the API ({@code dev.tokenlab}) and its SPI ({@code dev.tokenlab.spi}), as java.nio.file and its spi.
 * Run by .ci/package-cycles: {@code jdeps -verbose:package JARS | java .ci/PackageCycles.java}.
 */
public final class PackageCycles {
    private static final Set<String> API_AND_SPI = Set.of("dev.tokenlab", "dev.tokenlab.spi");

    public static void main(String[] args) throws Exception {
        Map<String, Set<String>> edges = new TreeMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String from = null;
        for (String line; (line = in.readLine()) != null; ) {
            String t = line.trim();
            // "   dev.tokenlab.bpe    -> dev.tokenlab.internal    tokenlab-core.jar"
            String[] parts = t.split("\\s+");
            if (parts.length >= 3 && parts[1].equals("->")) {
                from = parts[0];
                add(edges, from, parts[2]);
            } else if (parts.length >= 2 && parts[0].equals("->") && from != null) {
                add(edges, from, parts[1]);
            }
        }
        if (edges.isEmpty()) {
            System.err.println("package-cycles: no dependencies read; is jdeps output on standard input?");
            System.exit(2);
        }
        List<Set<String>> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(edges)) {
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
        boolean failed = false;
        for (Set<String> cycle : cycles) {
            if (cycle.equals(API_AND_SPI)) {
                System.out.println("allowed: " + cycle + " (the API and its SPI, one layer by design)");
            } else {
                System.out.println("CYCLE: " + cycle);
                failed = true;
            }
        }
        System.out.println(edges.size() + " packages read; " + (failed ? "package cycles found" : "no other package cycle"));
        System.exit(failed ? 1 : 0);
    }

    private static void add(Map<String, Set<String>> edges, String from, String to) {
        if (from.startsWith("dev.tokenlab") && to.startsWith("dev.tokenlab") && !from.equals(to)) {
            edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            edges.computeIfAbsent(to, k -> new TreeSet<>());
        }
    }

    /** Tarjan's algorithm, iterative enough for a few hundred packages. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> result = new ArrayList<>();
        int[] counter = {0};
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                visit(v, edges, index, low, stack, onStack, result, counter);
            }
        }
        return result;
    }

    private static void visit(String v, Map<String, Set<String>> edges, Map<String, Integer> index, Map<String, Integer> low,
                              Deque<String> stack, Set<String> onStack, List<Set<String>> result, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : edges.get(v)) {
            if (!index.containsKey(w)) {
                visit(w, edges, index, low, stack, onStack, result, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            result.add(component);
        }
    }
}
