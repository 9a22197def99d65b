package dev.tokenlab.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 16 clients at once get exactly the answers one client gets in turn: models load once and are shared, and
 * nothing in a request's path is shared mutable state.
 */
class ConcurrencyTest {
    @Test
    void concurrentAnswersEqualSequentialOnes() throws Exception {
        List<String[]> requests = new ArrayList<>();
        String[] models = {"llama3", "llama2", "llama3.1"};
        for (int i = 0; i < 96; i++) {
            String model = models[i % models.length];
            String text = "Request " + i + ": " + "héllo wörld 🦙 ".repeat(1 + i % 13) + ApiRoutesTest.TEXTS.get(i % ApiRoutesTest.TEXTS.size());
            switch (i % 4) {
                case 0 -> requests.add(new String[] {"/v1/tokenize", ApiRoutesTest.body(Map.of("model", model, "text", text))});
                case 1 -> requests.add(new String[] {"/v1/count", ApiRoutesTest.body(Map.of("model", model, "text", text))});
                case 2 -> requests.add(new String[] {"/tokenize", ApiRoutesTest.body(Map.of("content", text, "model", model))});
                default -> requests.add(new String[] {"/v1/chat", ApiRoutesTest.body(Map.of("model", model, "format", "ids",
                        "messages", List.of(Map.of("role", "user", "content", text))))});
            }
        }
        List<String> sequential = new ArrayList<>();
        try (TokenlabServer first = TokenlabServer.start(ServerConfig.defaults().withPort(0))) {
            Api api = new Api(first);
            for (String[] r : requests) {
                sequential.add(answer(api, r));
            }
        }
        // a fresh server, so the concurrent clients also race on loading the models
        try (TokenlabServer second = TokenlabServer.start(ServerConfig.defaults().withPort(0))) {
            Api api = new Api(second);
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                for (int round = 0; round < 3; round++) {
                    List<Future<String>> answers = new ArrayList<>();
                    for (String[] r : requests) {
                        answers.add(clients.submit(() -> answer(api, r)));
                    }
                    for (int i = 0; i < requests.size(); i++) {
                        assertEquals(sequential.get(i), answers.get(i).get(), requests.get(i)[0]);
                    }
                }
            } finally {
                clients.shutdown();
            }
        }
    }

    private static String answer(Api api, String[] request) {
        Api.Answer a = api.post(request[0], request[1]);
        assertEquals(200, a.status(), a.body());
        return a.body();
    }

}
