package dev.tokenlab;

import dev.tokenlab.sentencepiece.SentencePieceEncodings;
import dev.tokenlab.sentencepiece.SentencePieceSpec;
import dev.tokenlab.tiktoken.TiktokenEncodings;
import dev.tokenlab.tiktoken.TiktokenSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The tokenizers core's own engine can build by name, as data: one entry per vocabulary.
 * {@link Tokenizers} builds each at most once.
 */
final class CoreModels {

    /** One buildable tokenizer. */
    record Entry(TokenizerInfo info, BooleanSupplier available, Supplier<Tokenizer> factory) {
    }

    private static final List<Entry> ALL = build();

    private CoreModels() {
    }

    private static List<Entry> build() {
        // The bundled vocabularies first (Llama 3, Llama 2), then the OpenAI encodings.
        List<Entry> entries = new ArrayList<>();
        for (TiktokenSpec s : TiktokenEncodings.ALL) {
            entries.add(new Entry(new TokenizerInfo(s.name(), s.family(), s.vocabularySize(), s.source(), true),
                    () -> TiktokenEncodings.isAvailable(s), s::create));
        }
        int afterLlama3 = 1;
        for (SentencePieceSpec s : SentencePieceEncodings.ALL) {
            entries.add(afterLlama3++, new Entry(new TokenizerInfo(s.name(), s.family(), s.vocabularySize(), s.source(), true),
                    () -> true, s::create));
        }
        return List.copyOf(entries);
    }

    static List<Entry> all() {
        return ALL;
    }

    static Optional<Entry> find(String name) {
        return ALL.stream().filter(e -> e.info().name().equals(name)).findFirst();
    }
}
