package dev.tokenlab.sentencepiece.djl;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.spi.TokenizerProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sentencepiece} engine: Google's SentencePiece C++ library through DJL's JNI binding.
 * It runs a {@code .model} file, so it opens files ({@code Tokenizers.load(path, options.engine("sentencepiece"))})
 * rather than names; {@code llama2} by name works only when the property
 * {@code tokenlab.llama2.model} or the environment variable {@code TOKENLAB_LLAMA2_MODEL} points to
 * Meta's {@code tokenizer.model}.
 *
 * <pre>{@code
 * TokenizerOptions djl = TokenizerOptions.defaults().engine("sentencepiece");
 * Tokenizer ref = Tokenizers.load(Path.of("llama2/tokenizer.model"), djl);
 * ref.encode("Hello world");   // [15043, 3186]
 * // java -Dtokenlab.llama2.model=../shared/models/llama2/tokenizer.model …
 * Tokenizers.get("llama2", djl).encode("Hello world");   // [15043, 3186]
 * }</pre>
 *
 * <p>Tokenizers it returns hold native memory until closed ({@link DjlSentencePieceTokenizer#close()});
 * those cached by {@code Tokenizers.get} live as long as the JVM.
 */
public final class DjlSentencePieceProvider implements TokenizerProvider {
    /** System property naming Meta's Llama 2 {@code tokenizer.model}. */
    public static final String LLAMA2_PROPERTY = "tokenlab.llama2.model";
    /** Environment variable naming Meta's Llama 2 {@code tokenizer.model}. */
    public static final String LLAMA2_ENV = "TOKENLAB_LLAMA2_MODEL";

    /** What {@link Tokenizers#formatOf} calls a SentencePiece {@code .model} file. */
    private static final String SENTENCEPIECE_FORMAT = "SentencePiece model";

    @Override
    public String engine() {
        return "sentencepiece";
    }

    @Override
    public String description() {
        String version = "";
        try {
            Package p = ai.djl.sentencepiece.SpTokenizer.class.getPackage();
            version = p == null || p.getImplementationVersion() == null ? "" : " " + p.getImplementationVersion();
        } catch (LinkageError e) {
            // leave the version out
        }
        return "SentencePiece C++ library via DJL" + version + " (ai.djl.sentencepiece, JNI); opens .model files";
    }

    @Override
    public List<String> names() {
        return List.of("llama2");
    }

    @Override
    public Tokenizer open(String name, TokenizerOptions options) {
        if (!"llama2".equals(name)) {
            throw new TokenizerNotFoundException("model for the sentencepiece engine", name, names());
        }
        String configured = System.getProperty(LLAMA2_PROPERTY);
        String origin = "-D" + LLAMA2_PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(LLAMA2_ENV);
            origin = LLAMA2_ENV;
        }
        if (configured == null || configured.isBlank()) {
            throw new TokenizerException("the sentencepiece engine runs the C++ library on a .model file and Tokenlab does not"
                    + " ship Meta's; open a .model file on this engine instead (-m PATH --engine sentencepiece), or set -D" + LLAMA2_PROPERTY
                    + "=PATH (or " + LLAMA2_ENV + ") to Llama 2's tokenizer.model to open it as llama2");
        }
        Path file = Path.of(configured);
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException(origin + " names " + file + ", which is not a file");
        }
        return DjlSentencePieceTokenizer.open(file, name, options);
    }

    /** Opens any SentencePiece {@code .model} (told by its bytes); other formats are not this engine's. */
    @Override
    public Optional<Tokenizer> load(Path modelFile, TokenizerOptions options) {
        if (!SENTENCEPIECE_FORMAT.equals(Tokenizers.formatOf(modelFile))) {
            return Optional.empty();
        }
        String fileName = modelFile.getFileName() == null ? modelFile.toString() : modelFile.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return Optional.of(DjlSentencePieceTokenizer.open(modelFile, dot > 0 ? fileName.substring(0, dot) : fileName, options));
    }
}
