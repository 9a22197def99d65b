package dev.tokenlab.benchmarks;

import dev.tokenlab.Tokenizers;
import dev.tokenlab.templates.ModelChatTemplate;
import dev.tokenlab.templates.RenderOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code tokenlab chat --format count} does after the model is loaded, on an 8-message dialog (the held-out
 * dialog {@code eight-messages} of {@code testdata/chat/heldout-dialogs.json}): {@link ModelChatTemplate#count} (one
 * render and one tokenization: {@code --format ids}) and {@link ModelChatTemplate#accounting} (the empty chat, each
 * prefix and the whole chat: ten renders and tokenizations, the count table), with each model's own template.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChatTemplateBenchmark {
    /** The held-out dialog eight-messages, as written there. */
    static final List<Map<String, Object>> EIGHT_MESSAGES = List.of(
            Map.of("role", "system", "content", "You are a patient tutor for a first course in statistics."),
            Map.of("role", "user", "content", "What is the difference between the mean and the median?"),
            Map.of("role", "assistant", "content", "The mean adds every value and divides by how many there are; the median is the"
                    + " middle value once they are sorted. One very large value moves the mean a lot and the median hardly at all."),
            Map.of("role", "user", "content", "So for salaries, which one should I report?"),
            Map.of("role", "assistant", "content", "Usually the median: a few very high salaries pull the mean up, so it describes"
                    + " almost nobody."),
            Map.of("role", "user", "content", "And the mode?"),
            Map.of("role", "assistant", "content", "The most frequent value. It is the only one of the three that works for"
                    + " categories, such as the most common job title."),
            Map.of("role", "user", "content", "Give me a dataset of 7 numbers where all three differ."));

    private static final RenderOptions OPTIONS = RenderOptions.defaults().withNow(LocalDateTime.parse("2024-07-26T00:00:00"));

    @Param({"qwen3", "llama3"})
    public String model;

    private ModelChatTemplate chat;

    @Setup(Level.Trial)
    public void setUp() {
        chat = ModelChatTemplate.of(Tokenizers.load(folder(model)));
    }

    /** The prompt's count: one render, one tokenization. */
    @Benchmark
    public int count() {
        return chat.count(EIGHT_MESSAGES, true, Map.of(), OPTIONS);
    }

    /** The per-message accounting of the count table. */
    @Benchmark
    public ModelChatTemplate.Accounting accounting() {
        return chat.accounting(EIGHT_MESSAGES, true, Map.of(), OPTIONS);
    }

    /** A folder with the model's tokenizer.json and its tokenizer_config.json (which holds the template). */
    static Path folder(String name) {
        Path json = HfModels.file(name);
        Path folder = HfModels.dir().resolve("chat").resolve(name);
        try {
            Files.createDirectories(folder);
            Files.copy(json, folder.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(Inputs.shared().resolve("models/hf").resolve(name).resolve("tokenizer_config.json"),
                    folder.resolve("tokenizer_config.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
