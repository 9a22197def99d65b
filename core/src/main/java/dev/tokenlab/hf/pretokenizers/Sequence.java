package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;

import java.util.List;
import java.util.function.Consumer;

/** The {@code Sequence} pre-tokenizer: each pre-tokenizer splits every piece the one before it made. */
public final class Sequence implements PreTokenizer {
    private final List<PreTokenizer> steps;

    /** The steps, in order. */
    public Sequence(List<PreTokenizer> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public void split(NormalizedString piece, Consumer<NormalizedString> out) {
        run(0, piece, out);
    }

    private void run(int step, NormalizedString piece, Consumer<NormalizedString> out) {
        if (piece.isEmpty()) {
            return;
        }
        if (step == steps.size()) {
            out.accept(piece);
            return;
        }
        steps.get(step).split(piece, p -> run(step + 1, p, out));
    }

    /** The steps. */
    public List<PreTokenizer> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
