package dev.tokenlab.sentencepiece.djl;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import dev.tokenlab.Decoded;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.spi.ModelSource;
import dev.tokenlab.spi.SpecialTokenSplitter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A {@link Tokenizer} that runs Google's SentencePiece C++ library through DJL's JNI binding
 * ({@code ai.djl.sentencepiece}), the reference core's pure-Java SentencePiece is compared with.
 *
 * <pre>{@code
 * try (DjlSentencePieceTokenizer ref = DjlSentencePieceTokenizer.open(Path.of("llama2/tokenizer.model"), "llama2")) {
 *     ref.encode("Hello world");                 // [15043, 3186], as core
 *     ref.decode(new int[] {15043, 3186});       // "Hello world"
 * }
 * }</pre>
 *
 * <p>What runs where: {@code encode} and {@code decode} call the C++ library. The piece table
 * ({@link #tokenBytes}, {@link #isSpecial}, {@link #specialTokens()}, BOS and EOS) comes from core's
 * reader of the same file, because DJL hands piece strings across JNI in modified UTF-8. Special
 * tokens are cut out of the text here by the same rules as core (ordinary text unless allowed), and each
 * stretch of text between them is one C++ {@code Encode} call; the offsets a {@link TokenSink} receives
 * are those of the whole stretch.
 *
 * <p>Limits of the JNI binding, not of SentencePiece: the text is passed to C++ as
 * {@code String.getBytes(UTF_8)}, so a lone surrogate arrives as {@code '?'} (core encodes it as
 * U+FFFD); decoded text comes back through JNI's {@code NewStringUTF}, so a decoded character outside
 * the Basic Multilingual Plane is garbled and decoding stops at a NUL. Compare decodes only on text
 * without those.
 *
 * <p>Thread-safe while open (the C++ processor's encode and decode are const); {@link #close()} frees
 * the native processor, after which every call fails.
 */
public final class DjlSentencePieceTokenizer implements Tokenizer, AutoCloseable {
    private final String name;
    private final SpTokenizer native_;
    private final SpProcessor processor;
    private final Tokenizer pieces;
    private final SpecialTokenSplitter splitter;
    private final SpecialTokens defaultSpecialTokens;
    private volatile boolean closed;

    private DjlSentencePieceTokenizer(String name, SpTokenizer nativeTokenizer, Tokenizer pieces, SpecialTokens defaultSpecialTokens) {
        this.name = name;
        this.native_ = nativeTokenizer;
        this.processor = nativeTokenizer.getProcessor();
        this.pieces = pieces;
        this.splitter = new SpecialTokenSplitter(pieces.specialTokens());
        this.defaultSpecialTokens = defaultSpecialTokens;
    }

    /**
     * Opens a {@code .model} file in the C++ library.
     *
     * @param modelFile a SentencePiece model
     * @param name      the name {@link #name()} reports
     * @throws dev.tokenlab.TokenizerFormatException if the file is not a SentencePiece model
     * @throws TokenizerException if the native library cannot load on this machine, or the C++ library refuses the model
     */
    public static DjlSentencePieceTokenizer open(Path modelFile, String name) {
        return open(modelFile, name, TokenizerOptions.defaults());
    }

    /**
     * Opens a {@code .model} file in the C++ library, with {@code options}' default special-token policy.
     *
     * @throws dev.tokenlab.TokenizerFormatException if the file is not a SentencePiece model
     * @throws TokenizerException if the native library cannot load on this machine, the C++ library refuses
     *                            the model, or the options ask for Meta's long-run split
     */
    public static DjlSentencePieceTokenizer open(Path modelFile, String name, TokenizerOptions options) {
        if (options.metaSplit()) {
            throw new TokenizerException("Meta's long-run split is for tiktoken-style tokenizers on the core engine,"
                    + " not for the sentencepiece engine");
        }
        byte[] bytes = ModelSource.readAll(modelFile, modelFile.toString());
        Tokenizer pieces = Tokenizers.load(modelFile); // core's reader of the same file: the piece table
        SpTokenizer nativeTokenizer;
        try {
            NativeLibrary.check();
            nativeTokenizer = new SpTokenizer(bytes);
        } catch (TokenizerException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new TokenizerException("the SentencePiece C++ library (DJL) refused " + modelFile + ": " + e, e);
        }
        return new DjlSentencePieceTokenizer(name, nativeTokenizer, pieces, options.specialTokens());
    }

    /** The DJL processor underneath, for benchmarks that call it directly. */
    public SpProcessor processor() {
        checkOpen();
        return processor;
    }

    /** The SentencePiece version of the native library, for example {@code 0.2.0-0.33.0}. */
    public String nativeVersion() {
        checkOpen();
        return processor.getVersion();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int vocabularySize() {
        return pieces.vocabularySize();
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        checkOpen();
        String s = text.toString();
        splitter.split(s, policy, sink, (start, end) -> encodeSegment(s, start, end, sink));
    }

    @Override
    public int[] encode(String text, SpecialTokens policy) {
        checkOpen();
        if (policy.isAllText()) {
            return processor.encode(text);
        }
        return Tokenizer.super.encode(text, policy);
    }

    @Override
    public int count(String text, SpecialTokens policy) {
        return encode(text, policy).length;
    }

    private boolean encodeSegment(String s, int from, int to, TokenSink sink) {
        if (from >= to) {
            return true;
        }
        for (int id : processor.encode(s.substring(from, to))) {
            if (!sink.accept(id, from, to)) {
                return false;
            }
        }
        return true;
    }


    /** What one id stands for, from the model's piece table (as core: {@code ▁} as a space, bytes, special names). */
    @Override
    public byte[] tokenBytes(int id) {
        return pieces.tokenBytes(id);
    }

    /**
     * The UTF-8 of the C++ {@code DecodeIds} text. Unlike core's, byte runs that are not valid UTF-8
     * are already U+FFFD, and the JNI limits in the class comment apply.
     */
    @Override
    public byte[] decodeBytes(int[] ids) {
        return decode(ids).getBytes(StandardCharsets.UTF_8);
    }

    /** The C++ {@code DecodeIds} text; lossless is false when it holds U+FFFD that the ids did not stand for. */
    @Override
    public Decoded decodeChecked(int[] ids) {
        String text = decode(ids);
        Decoded exact = pieces.decodeChecked(ids);
        return new Decoded(text, exact.lossless(), exact.replacedSequences());
    }

    @Override
    public String decode(int[] ids) {
        checkOpen();
        int size = pieces.vocabularySize();
        for (int id : ids) {
            if (id < 0 || id >= size) {
                throw new TokenizerException("id " + id + " is not in the vocabulary of " + name + " (valid ids are 0.." + (size - 1) + ")");
            }
        }
        return processor.decode(ids);
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return defaultSpecialTokens;
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return pieces.specialTokens();
    }

    @Override
    public boolean isSpecial(int id) {
        return pieces.isSpecial(id);
    }

    @Override
    public OptionalInt bosId() {
        return pieces.bosId();
    }

    @Override
    public OptionalInt eosId() {
        return pieces.eosId();
    }

    private void checkOpen() {
        if (closed) {
            throw new TokenizerException(name + " (sentencepiece engine) is closed");
        }
    }

    /** Frees the native processor. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            native_.close();
        }
    }

    @Override
    public String toString() {
        return "DjlSentencePieceTokenizer[" + name + "]";
    }
}
