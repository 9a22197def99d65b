package dev.tokenlab.tiktoken;

import dev.tokenlab.internal.IntBuffer;

/**
 * The extra split Meta's Llama 3 {@code tokenizer.py} applies before tiktoken: the text is cut into
 * chunks of 400,000 characters, and each chunk wherever a run of whitespace or of non-whitespace
 * exceeds 25,000 characters; each part is then encoded on its own. It keeps tiktoken's quadratic merge
 * (its issue 195) away from huge runs. Servers (llama.cpp, Ollama, vLLM, Hugging Face) do not do this,
 * so it is off by default; the ids differ only for inputs with such runs.
 *
 * <p>As in Python, lengths count code points, and "whitespace" is {@code str.isspace()}, which also
 * counts U+001C–U+001F (unlike regex {@code \s}).
 */
final class MetaLongRunSplit {
    static final int MAX_ENCODE_CHARS = 400_000;
    static final int MAX_RUN_CHARS = 25_000;

    private MetaLongRunSplit() {
    }

    /** Boundaries {@code b0 = from < b1 < … < bk = to} of the parts Meta encodes separately. */
    static IntBuffer boundaries(CharSequence text, int from, int to) {
        IntBuffer cuts = new IntBuffer(4);
        cuts.add(from);
        int chunkStart = from;
        while (chunkStart < to) {
            int chunkEnd = advanceCodePoints(text, chunkStart, to, MAX_ENCODE_CHARS);
            splitRuns(text, chunkStart, chunkEnd, cuts);
            cuts.add(chunkEnd);
            chunkStart = chunkEnd;
        }
        if (cuts.size() == 1) {
            cuts.add(to);
        }
        return cuts;
    }

    /** Python's {@code _split_whitespaces_or_nonwhitespaces}: adds interior cut points of one chunk. */
    private static void splitRuns(CharSequence text, int from, int to, IntBuffer cuts) {
        if (from >= to) {
            return;
        }
        boolean inSpace = isPythonSpace(Character.codePointAt(text, from));
        int runLength = 0;
        int i = from;
        while (i < to) {
            int cp = Character.codePointAt(text, i);
            boolean space = isPythonSpace(cp);
            if (space != inSpace) {
                runLength = 1;
                inSpace = space;
            } else {
                runLength++;
                if (runLength > MAX_RUN_CHARS) {
                    cuts.add(i);
                    runLength = 1;
                }
            }
            i += Character.charCount(cp);
        }
    }

    private static int advanceCodePoints(CharSequence text, int from, int to, int count) {
        int i = from;
        for (int k = 0; k < count && i < to; k++) {
            i += Character.isHighSurrogate(text.charAt(i)) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
        }
        return i;
    }

    /** Python's {@code str.isspace()}: bidirectional class WS, B or S, or category Zs. */
    static boolean isPythonSpace(int cp) {
        if (cp <= 0x20) {
            return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }
}
