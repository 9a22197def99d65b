package dev.tokenlab.spi;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A model format and a name scheme that exist only in tests, registered through
 * {@code src/test/resources/META-INF/services}: they show that a format or a scheme plugs in without
 * any change to the dispatch.
 */
public final class TestFormats {
    /** The first bytes of a test model file. */
    public static final byte[] MAGIC = "TLTEST".getBytes(StandardCharsets.US_ASCII);
    /** The first bytes of a file two test formats both claim. */
    public static final byte[] AMBIGUOUS = "TLBOTH".getBytes(StandardCharsets.US_ASCII);

    private TestFormats() {
    }

    /** A test model file holds {@code TLTEST} and the name of a bundled tokenizer, which it opens. */
    public static final class Named implements ModelFormat {
        /** Made by ServiceLoader. */
        public Named() {
        }

        @Override
        public String name() {
            return "test format";
        }

        @Override
        public boolean recognizes(ModelSource source) {
            byte[] head = source.head();
            return startsWith(head, MAGIC) || startsWith(head, AMBIGUOUS);
        }

        @Override
        public Tokenizer load(ModelSource source, TokenizerOptions options) {
            byte[] bytes = source.readAll();
            String name = new String(bytes, MAGIC.length, bytes.length - MAGIC.length, StandardCharsets.US_ASCII).trim();
            try {
                return Tokenizers.get(name, options);
            } catch (TokenizerNotFoundException e) {
                // A format reports a bad file as a format error, as ModelFormat#load documents.
                throw new TokenizerFormatException(source.location(), "names no tokenizer Tokenlab knows: " + e.getMessage(), e);
            }
        }
    }

    /** A second format that also claims {@code TLBOTH} files. */
    public static final class Greedy implements ModelFormat {
        /** Made by ServiceLoader. */
        public Greedy() {
        }

        @Override
        public String name() {
            return "greedy test format";
        }

        @Override
        public boolean recognizes(ModelSource source) {
            return startsWith(source.head(), AMBIGUOUS);
        }

        @Override
        public Tokenizer load(ModelSource source, TokenizerOptions options) {
            throw new AssertionError("never chosen: the file is ambiguous");
        }
    }

    /** {@code test:NAME} resolves to the file {@code NAME} in the folder the system property {@code tokenlab.testScheme} names. */
    public static final class Scheme implements ModelScheme {
        /** Made by ServiceLoader. */
        public Scheme() {
        }

        @Override
        public String scheme() {
            return "test";
        }

        @Override
        public String description() {
            return "test models in a temporary folder";
        }

        @Override
        public ModelSource resolve(String name) {
            Path file = Path.of(System.getProperty("tokenlab.testScheme", ".")).resolve(name);
            if (!Files.exists(file)) {
                throw new TokenizerNotFoundException("test model", name, List.of());
            }
            return ModelSource.of(file, "test:" + name);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
