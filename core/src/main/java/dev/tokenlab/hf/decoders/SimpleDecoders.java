package dev.tokenlab.hf.decoders;

import dev.tokenlab.hf.pipeline.Decoder;
import dev.tokenlab.hf.pretokenizers.Finder;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The small decoders of a {@code tokenizer.json}: Replace, ByteFallback, Fuse, Strip, BPEDecoder, CTC, Sequence. */
public final class SimpleDecoders {
    private SimpleDecoders() {
    }

    /**
     * {@code Replace}: in every token, each match of {@code pattern} (a literal string or a regex;
     * empty matches too) becomes {@code content}; {@code $n} is not expanded. An empty token stays empty.
     */
    public static Decoder replace(Finder pattern, String content, String description) {
        return named(tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (String t : tokens) {
                if (t.isEmpty()) {
                    out.add(t);
                    continue;
                }
                StringBuilder sb = new StringBuilder(t.length());
                int[] previous = {0};
                pattern.findAll(t, (start, end) -> {
                    sb.append(t, previous[0], start).append(content);
                    previous[0] = end;
                });
                out.add(sb.append(t, previous[0], t.length()).toString());
            }
            return out;
        }, "Replace(" + description + " → " + content + ")");
    }

    /** {@code Replace} with a literal pattern. */
    public static Decoder replace(String pattern, String content) {
        return replace(Finder.literal(pattern), content, "\"" + pattern + "\"");
    }

    /**
     * {@code ByteFallback}: each run of {@code <0xNN>} tokens becomes its text when the bytes are valid
     * UTF-8, else one U+FFFD per byte; other tokens pass through.
     */
    public static Decoder byteFallback() {
        return named(tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            int runTokens = 0;
            for (String t : tokens) {
                int b = byteToken(t);
                if (b >= 0) {
                    run.write(b);
                    runTokens++;
                    continue;
                }
                runTokens = flush(run, runTokens, out);
                out.add(t);
            }
            flush(run, runTokens, out);
            return out;
        }, "ByteFallback");
    }

    private static int flush(ByteArrayOutputStream run, int runTokens, List<String> out) {
        if (runTokens == 0) {
            return 0;
        }
        byte[] bytes = run.toByteArray();
        run.reset();
        dev.tokenlab.Decoded d = dev.tokenlab.Decoded.of(bytes);
        out.add(d.lossless() ? d.text() : "\uFFFD".repeat(bytes.length));
        return 0;
    }

    /** The byte of a {@code <0xNN>} token (hex digits in either case), or -1. */
    static int byteToken(String t) {
        if (t.length() != 6 || !t.startsWith("<0x") || t.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(t.charAt(3), 16);
        int lo = Character.digit(t.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }

    /** {@code Fuse}: all tokens as one. */
    public static Decoder fuse() {
        return named(tokens -> List.of(String.join("", tokens)), "Fuse");
    }

    /**
     * {@code Strip}: up to {@code start} leading and {@code stop} trailing {@code content} characters
     * removed from each token.
     */
    public static Decoder strip(int content, int start, int stop) {
        return named(tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (String t : tokens) {
                int[] cps = t.codePoints().toArray();
                int from = 0;
                while (from < start && from < cps.length && cps[from] == content) {
                    from++;
                }
                int to = cps.length;
                while (cps.length - to < stop && to > from && cps[to - 1] == content) {
                    to--;
                }
                out.add(new String(cps, from, to - from));
            }
            return out;
        }, "Strip(" + new String(Character.toChars(content)) + ", " + start + ", " + stop + ")");
    }

    /** {@code BPEDecoder}: the word-end suffix becomes a space, or nothing in the last token. */
    public static Decoder bpeSuffix(String suffix) {
        return named(tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                out.add(tokens.get(i).replace(suffix, i == tokens.size() - 1 ? "" : " "));
            }
            return out;
        }, "BPEDecoder(" + suffix + ")");
    }

    /** {@code CTC}: repeated tokens collapsed, the pad token removed, and with cleanup the WordPiece cleanup and delimiter → space. */
    public static Decoder ctc(String pad, String delimiter, boolean cleanup) {
        return named(tokens -> {
            List<String> out = new ArrayList<>();
            String previous = null;
            for (String t : tokens) {
                if (t.equals(previous)) {
                    continue;
                }
                previous = t;
                if (t.equals(pad)) {
                    continue;
                }
                out.add(cleanup ? WordPieceDecoder.cleanup(t).replace(delimiter, " ") : t);
            }
            return out;
        }, "CTC");
    }

    /** {@code Sequence}: each decoder on the tokens the one before it gave. */
    public static Decoder sequence(List<Decoder> decoders) {
        List<Decoder> steps = List.copyOf(decoders);
        return named(tokens -> {
            List<String> t = tokens;
            for (Decoder d : steps) {
                t = d.decode(t);
            }
            return t;
        }, steps.toString());
    }

    private static Decoder named(Decoder d, String name) {
        return new Decoder() {
            @Override
            public List<String> decode(List<String> tokens) {
                return d.decode(tokens);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
