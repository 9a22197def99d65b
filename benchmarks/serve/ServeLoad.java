import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of {@code tokenlab serve}: CLIENTS concurrent clients send REQUESTS requests in all, prompts of mixed
 * size (70% about 100 characters, 25% about 2,000, 5% about 50,000) to a mix of routes and models, and report
 * errors (any answer but 200 with the expected field), throughput and latency percentiles.
 *
 * <pre>
 * java benchmarks/serve/ServeLoad.java 64 20000 http://127.0.0.1:8080
 * </pre>
 *
 * A single-file program (JDK only), run by benchmarks/serve-load; it exits 1 on any error.
 */
public final class ServeLoad {
    private static final String[] WORDS = ("the of and to in is was for that on as with by he at from his it an were are which"
            + " this be or has had not but also have one its after new first two who they been her she more unhappiness"
            + " tokenization 東京 🦙 naïve café über straße 123 4567 <|eot_id|> \n\n \t").split(" ");

    private ServeLoad() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        String base = args.length > 2 ? args[2] : "http://127.0.0.1:8080";
        Random random = new Random(17);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double p = random.nextDouble();
            int size = p < 0.70 ? 100 : p < 0.95 ? 2_000 : 50_000;
            prompts.add(text(random, size));
        }
        String[][] routes = {
            {"/v1/count", "{\"model\":\"%s\",\"text\":%s}", "\"count\""},
            {"/v1/tokenize", "{\"model\":\"%s\",\"text\":%s}", "\"ids\""},
            {"/tokenize", "{\"model\":\"%s\",\"content\":%s}", "\"tokens\""},
            {"/v1/chat", "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":%s}]}", "\"count\""},
        };
        String[] models = {"llama3", "llama2", "llama3.1"};
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long[] latencies = new long[requests];
        String[] routeOf = new String[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    String[] route = routes[i % routes.length];
                    String prompt = prompts.get((i * 31) % prompts.size());
                    String model = models[(i / routes.length) % models.length];
                    String body = String.format(route[1], model, quote(prompt));
                    bytes.addAndGet(body.length());
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + route[0])).timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        if (r.statusCode() != 200 || !r.body().contains(route[2])) {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) {
                                firstErrors.add(route[0] + " " + r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())));
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 5) {
                            firstErrors.add(route[0] + " " + e);
                        }
                    }
                    latencies[i] = System.nanoTime() - t0;
                    routeOf[i] = route[0];
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%d clients, %d requests (%.1f MB of prompts) in %.1f s: %.0f requests/s, %d errors%n",
                clients, requests, bytes.get() / 1e6, seconds, requests / seconds, errors.get());
        System.out.println("| route | requests | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String[] route : routes) {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                if (route[0].equals(routeOf[i])) {
                    mine.add(latencies[i]);
                }
            }
            print(route[0], mine.stream().mapToLong(Long::longValue).toArray());
        }
        print("all", latencies);
        firstErrors.forEach(e -> System.out.println("error: " + e));
        if (errors.get() > 0) {
            System.exit(1);
        }
    }

    private static void print(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.1f |%n", name, sorted.length, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static String text(Random random, int chars) {
        StringBuilder sb = new StringBuilder(chars + 16);
        while (sb.length() < chars) {
            sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
