package dev.tokenlab.gguf;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.spi.ModelFormat;
import dev.tokenlab.spi.ModelSource;

import java.util.List;
import java.util.OptionalInt;

/**
 * GGUF model files (llama.cpp, Ollama, LM Studio …), recognised by their magic {@code GGUF}: the tokenizer in the
 * file's metadata, read without touching the tensors ({@link GgufReader}) and run with llama.cpp's semantics
 * ({@link GgufTokenizer}).
 */
public final class GgufFormat implements ModelFormat {

    @Override
    public String name() {
        return "GGUF";
    }

    @Override
    public boolean recognizes(ModelSource source) {
        return !source.isDirectory() && GgufReader.hasMagic(source.head());
    }

    @Override
    public Tokenizer load(ModelSource source, TokenizerOptions options) {
        GgufFile file = GgufReader.read(source.path(), source.location());
        return new GgufTokenizer(source.name(), file, options);
    }

    /**
     * The tokenizer of a GGUF file already read, named {@code name}, with {@code notes} first among its
     * description's notes and {@code servedContext} as the window it is served with (the Ollama scheme adds
     * what the model's manifest says: {@code num_ctx}, {@code stop}).
     */
    public static Tokenizer tokenizer(String name, GgufFile file, TokenizerOptions options, List<String> notes, OptionalInt servedContext) {
        return new GgufTokenizer(name, file, options, notes, servedContext);
    }
}
