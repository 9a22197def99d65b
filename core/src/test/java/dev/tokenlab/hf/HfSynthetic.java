package dev.tokenlab.hf;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic {@code tokenizer.json} files of {@code testdata/hf-synthetic}, for tests outside this
 * package (the explainers'): their names, each loaded with special tokens allowed (as their goldens
 * were written), and the inputs they are checked on.
 */
public final class HfSynthetic {
    private HfSynthetic() {
    }

    /** The synthetic tokenizers' names, sorted. */
    public static List<String> names() {
        return HfSyntheticConformanceTest.names();
    }

    /** A synthetic tokenizer with special tokens allowed, optionally adding the post-processor's. */
    public static Tokenizer load(String name, boolean addSpecialTokens) {
        return HfSyntheticConformanceTest.load(name, addSpecialTokens);
    }

    /** Every edge case, the Hugging Face edge cases and the folder's own cases. */
    public static List<EdgeCases.EdgeCase> cases() {
        List<EdgeCases.EdgeCase> cases = new ArrayList<>(EdgeCases.load());
        cases.addAll(EdgeCases.load(SharedData.testdata().resolve("hf-edge-cases.txt")));
        cases.addAll(EdgeCases.load(HfSyntheticConformanceTest.folder().resolve("cases.txt")));
        return cases;
    }
}
