package dev.tokenlab.hf.models;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.hf.pipeline.Model;
import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.sentencepiece.UnigramViterbi;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code Unigram} model of a {@code tokenizer.json}, as the Rust library runs it (which is not quite
 * SentencePiece's): the Viterbi path over <em>every</em> piece ({@code <s>}, {@code <unk>} and
 * {@code <0x41>} too: their text in the input is that piece), scores summed in {@code f64}, strict
 * {@code >} so ties keep the earliest start, and an unknown character scored as the lowest score less
 * 10 ({@link UnigramViterbi#huggingFace}). Then, from the path: consecutive unknown pieces are fused
 * into one string (a matched {@code <unk>} piece is "unknown" too); each string is looked up in the
 * vocabulary — found, it is that id; not found, with {@code byte_fallback} it is one {@code <0xNN>}
 * token per byte when all of them exist (each covering the whole string), otherwise the unknown id.
 * A model without {@code unk_id} fails where it needs one. Immutable and thread-safe.
 */
public final class Unigram implements Model {
    final String[] pieces;
    private final double[] scores;
    final Map<String, Integer> ids;
    final UnigramViterbi viterbi;
    final int unkId;
    /** Id of {@code <0xNN>} for each byte, or -1; null without byte fallback. */
    final int[] byteIds;

    /**
     * A Unigram model.
     *
     * @param pieces       the vocabulary by id
     * @param scores       each piece's score
     * @param unkId        the unknown id, or -1
     * @param byteFallback whether unknown strings become {@code <0xNN>} tokens
     */
    public Unigram(String[] pieces, double[] scores, int unkId, boolean byteFallback) {
        this.pieces = pieces.clone();
        this.scores = scores.clone();
        this.ids = new HashMap<>(pieces.length * 2);
        for (int id = 0; id < pieces.length; id++) {
            ids.put(pieces[id], id); // a spelling listed twice keeps the later id, as the Rust map does
        }
        this.viterbi = UnigramViterbi.huggingFace(pieces, scores, unkId);
        this.unkId = unkId;
        if (byteFallback) {
            byteIds = new int[256];
            for (int b = 0; b < 256; b++) {
                Integer id = ids.get(String.format("<0x%02X>", b));
                byteIds[b] = id == null ? -1 : id;
            }
        } else {
            byteIds = null;
        }
    }

    @Override
    public boolean tokenize(NormalizedString piece, TokenOut out) {
        byte[] b = utf8(piece);
        // the code point index of each character start, and of the end
        int[] cpAt = new int[b.length + 1];
        for (int i = 0, cp = 0; i < b.length; i++) {
            if ((b[i] & 0xC0) != 0x80) {
                cpAt[i] = cp++;
            }
        }
        cpAt[b.length] = piece.length();
        UnigramViterbi.Path path = viterbi.best(b, b.length);
        int k = 0;
        while (k < path.count()) {
            int start = path.start(k);
            int end = path.end(k);
            int id = path.id(k);
            k++;
            if (id == unkId) {
                while (k < path.count() && path.id(k) == unkId) {
                    end = path.end(k);
                    k++;
                }
            }
            if (!emit(b, start, end, cpAt, out)) {
                return false;
            }
        }
        return true;
    }

    /** The UTF-8 of a piece; a lone surrogate is U+FFFD, as it reaches the Rust library. */
    static byte[] utf8(NormalizedString piece) {
        StringBuilder sb = new StringBuilder(piece.length() + 8);
        for (int i = 0; i < piece.length(); i++) {
            int cp = piece.codePointAt(i);
            sb.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One string of the path, looked up by its text as the Rust {@code tokenize} does. */
    private boolean emit(byte[] b, int start, int end, int[] cpAt, TokenOut out) {
        String s = new String(b, start, end - start, StandardCharsets.UTF_8);
        Integer id = ids.get(s);
        int from = cpAt[start];
        int to = cpAt[end];
        if (id != null) {
            return out.token(id, from, to);
        }
        if (byteIds != null) {
            boolean all = true;
            for (int i = start; i < end && all; i++) {
                all = byteIds[b[i] & 0xFF] >= 0;
            }
            if (all) {
                for (int i = start; i < end; i++) {
                    if (!out.token(byteIds[b[i] & 0xFF], from, to)) {
                        return false;
                    }
                }
                return true;
            }
        }
        if (unkId < 0) {
            throw new TokenizerException("Encountered an unknown token but `unk_id` is missing");
        }
        return out.token(unkId, from, to);
    }

    @Override
    public String token(int id) {
        return id >= 0 && id < pieces.length ? pieces[id] : null;
    }

    @Override
    public OptionalInt id(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The unknown id, or -1. */
    public int unkId() {
        return unkId;
    }

    /** The id of the byte-fallback piece {@code <0xNN>} of byte {@code b} (0..255), or -1 (always without byte fallback). */
    public int byteFallbackId(int b) {
        return byteIds == null ? -1 : byteIds[b];
    }

    /** The score of piece {@code id}. */
    public double score(int id) {
        return scores[id];
    }

    @Override
    public int idBound() {
        return pieces.length;
    }

    @Override
    public int vocabularyEntries() {
        return pieces.length;
    }

    @Override
    public String describe() {
        return String.format("Unigram, %,d pieces", pieces.length)
                + (unkId >= 0 ? ", unk " + pieces[unkId] : ", no unk")
                + (byteIds != null ? ", byte_fallback" : "");
    }
}
