package dev.tokenlab.langchain4j;

import dev.tokenlab.testing.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/** Sentences of Botchan (the shared corpus) for scripted conversations. */
final class CorpusSentences {
    private CorpusSentences() {
    }

    /** The first {@code n} sentences of the story, whitespace folded, past the Project Gutenberg header. */
    static List<String> botchan(int n) {
        try {
            String text = Files.readString(SharedData.corpus().resolve("botchan.txt"));
            String story = text.substring(text.indexOf("CHAPTER I"));
            List<String> sentences = Arrays.stream(story.split("(?<=[.!?\"])\\s+"))
                    .map(s -> s.replaceAll("\\s+", " ").strip()).filter(s -> s.length() > 1).limit(n).toList();
            if (sentences.size() < n) {
                throw new AssertionError("botchan.txt has only " + sentences.size() + " sentences");
            }
            return sentences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
