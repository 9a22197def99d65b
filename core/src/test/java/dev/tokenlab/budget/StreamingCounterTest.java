package dev.tokenlab.budget;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamingCounterTest {

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "cl100k_base", "o200k_base", "r50k_base"})
    void streamingGivesTheWholeTextsCount(String name) throws Exception {
        Tokenizer t = Tokenizers.get(name);
        Random random = new Random(5);
        String[] parts = {"\n", "\n\n", "\r\n", " ", "  ", "\t", "word", " word", "Word's", "/path", "//", "123456", "é", "😀",
            "。", "\u3000", ".\n/", "x\n  y"};
        for (int n = 0; n < 300; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(400);
            for (int k = 0; k < length; k++) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            String text = sb.toString();
            for (int block : new int[] {16, 37, 128}) {
                assertEquals(t.count(text), StreamingCounter.countInBlocks(t, new StringReader(text), block),
                        () -> name + " block " + block + " on " + dev.tokenlab.testing.EdgeCases.escape(text));
                assertEquals(t.count(text), StreamingCounter.countInParallel(t, new StringReader(text), 3, block),
                        () -> name + " block " + block + ", 3 threads, on " + dev.tokenlab.testing.EdgeCases.escape(text));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "o200k_base"})
    void streamingTheCorpusGivesTheWholeCount(String name) throws Exception {
        Tokenizer t = Tokenizers.get(name);
        for (Path file : SharedData.corpusFiles()) {
            if (file.getFileName().toString().compareTo("c") > 0 && !file.toString().contains("botchan")) {
                continue; // a sample of the UDHR files and both novels
            }
            String text = Files.readString(file);
            assertEquals(t.count(text), StreamingCounter.countInBlocks(t, new StringReader(text), 4096), file::toString);
            assertEquals(t.count(text), StreamingCounter.countInParallel(t, new StringReader(text), 4, 4096), file::toString);
        }
    }
}
