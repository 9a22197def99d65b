package dev.tokenlab.cli.input;

import dev.tokenlab.Decoded;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads text from files and streams as bytes, then decodes it as <b>strict</b> UTF-8: the text is
 * exactly the bytes, so a leading byte-order mark stays in the text as U+FEFF (tokenizers see it;
 * Llama 3 gives it its own ids) and invalid UTF-8 is an error naming the byte offset (from 0), never
 * a silent U+FFFD.
 *
 * <pre>
 * $ printf 'ok\xff' | tokenlab encode
 * tokenlab: stdin: invalid UTF-8 at byte 2 (line 1, byte 0xFF)
 * </pre>
 */
public final class TextInput {
    private TextInput() {
    }

    /** Reads a whole file, with errors that say which file and why. */
    public static byte[] readFile(Path file) {
        if (Files.isDirectory(file)) {
            throw CliException.error(file + ": is a directory; give a file (or '-' for stdin)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliException.error(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw CliException.error(file + ": permission denied");
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a stream to its end. */
    public static byte[] readStream(InputStream in, String source) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes {@code bytes} as strict UTF-8.
     *
     * @throws CliException (exit 1) naming {@code source} and the offset of the first invalid byte
     */
    public static String decodeStrict(byte[] bytes, String source) {
        String invalid = invalidUtf8(bytes);
        if (invalid != null) {
            throw CliException.error(source + ": " + invalid);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Decodes {@code bytes} as UTF-8, replacing each invalid sequence by U+FFFD (one per maximal
     * invalid subpart, as Python's {@code errors="replace"} does); {@code --lenient} uses it.
     */
    public static Input decodeLenient(byte[] bytes, String source) {
        Decoded d = Decoded.of(bytes);
        return new Input(source, d.text(), d.replacedSequences());
    }

    /** Why {@code bytes} are not strict UTF-8 ({@code invalid UTF-8 at byte 2 (line 1, byte 0xFF)}), or null if they are. */
    public static String invalidUtf8(byte[] bytes) {
        long bad = firstInvalid(bytes);
        if (bad < 0) {
            return null;
        }
        int at = (int) bad;
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return invalidUtf8(at, line, bytes[at] & 0xFF);
    }

    /**
     * The one wording of an invalid UTF-8 error, after {@code "source: "}; shared with the streaming
     * {@link StrictUtf8Reader}: {@code invalid UTF-8 at byte 1234 (line 56, byte 0xFF)}.
     */
    public static String invalidUtf8(long byteOffset, long line, int byteValue) {
        return String.format("invalid UTF-8 at byte %d (line %d, byte 0x%02X)", byteOffset, line, byteValue);
    }

    /**
     * Offset of the first byte that does not start a well-formed UTF-8 character, or -1. The JDK
     * decoder rejects overlong forms, surrogates and values above U+10FFFF, and keeps a BOM.
     */
    public static long firstInvalid(byte[] bytes) {
        return Utf8.firstInvalid(bytes, 0, bytes.length);
    }
}
