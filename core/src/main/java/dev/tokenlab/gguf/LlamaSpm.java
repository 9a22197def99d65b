package dev.tokenlab.gguf;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.sentencepiece.PieceType;
import dev.tokenlab.sentencepiece.SentencePieceModel;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * llama.cpp's SentencePiece-style tokenizer ({@code llm_tokenizer_spm_session}, GGUF {@code tokenizer.ggml.model}
 * {@code llama}) on core's SentencePiece BPE: each stretch of ordinary text, with a space put in front when it is
 * the first or follows a special token ({@code add_space_prefix}), has its spaces written as {@code ▁} and is
 * merged by score — the pair whose merged text is the highest-scoring token first, the leftmost of equal scores —
 * and characters no token covers become byte tokens ({@code <0xNN>}).
 *
 * <p>llama.cpp merges into <em>any</em> token whose text the pair forms, whatever its type, and never splits a
 * merged token back; so the SentencePiece model built here makes every token an ordinary piece but the unknown one
 * and the 256 byte pieces (kept apart for byte fallback). {@code remove_extra_whitespaces} is read but, as in
 * llama.cpp's SPM tokenizer, not applied. Immutable and thread-safe.
 */
final class LlamaSpm {
    private final SentencePieceTokenizer sp;
    final List<String> notes = new ArrayList<>();

    LlamaSpm(LlamaVocab vocab) {
        int n = vocab.size();
        PieceType[] types = new PieceType[n];
        int[] byteIds = new int[256];
        java.util.Arrays.fill(byteIds, -1);
        for (int id = 0; id < n; id++) {
            types[id] = PieceType.NORMAL;
            if ((vocab.attr[id] & LlamaVocab.ATTR_BYTE) != 0) {
                int b = byteValue(vocab.text[id]);
                if (b >= 0 && byteIds[b] < 0) {
                    byteIds[b] = id;
                }
            }
        }
        boolean byteFallback = true;
        for (int b : byteIds) {
            byteFallback &= b >= 0;
        }
        if (byteFallback) {
            for (int id : byteIds) {
                types[id] = PieceType.BYTE;
            }
        } else {
            notes.add("the vocabulary lacks some of the 256 byte tokens <0x00>…<0xFF>: a character no token covers fails in"
                    + " llama.cpp and is the unknown token here");
        }
        int unk = vocab.unk;
        if (unk == LlamaVocab.NONE || types[unk] == PieceType.BYTE) {
            unk = -1;
            for (int id = 0; id < n && unk < 0; id++) {
                if ((vocab.attr[id] & LlamaVocab.ATTR_UNKNOWN) != 0 && types[id] != PieceType.BYTE) {
                    unk = id;
                }
            }
        }
        if (unk < 0) {
            throw new TokenizerFormatException(vocab.location, "a llama (SentencePiece) vocabulary without an unknown token");
        }
        types[unk] = PieceType.UNKNOWN;
        this.sp = SentencePieceTokenizer.of(vocab.pre == null ? "gguf" : vocab.pre,
                SentencePieceModel.bpe(vocab.raw, vocab.scores, types, byteFallback, unk, vocab.location));
    }

    private static int byteValue(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(piece.charAt(3), 16);
        int lo = Character.digit(piece.charAt(4), 16);
        return hi < 0 || lo < 0 || Character.isLowerCase(piece.charAt(3)) || Character.isLowerCase(piece.charAt(4)) ? -1 : hi * 16 + lo;
    }

    /** Encodes {@code text[from, to)}, with a space in front if {@code prefixSpace}. */
    boolean encode(String text, int from, int to, boolean prefixSpace, TokenSink sink) {
        String piece = prefixSpace ? " " + text.substring(from, to) : text.substring(from, to);
        int shift = prefixSpace ? from - 1 : from;
        boolean[] stopped = {false};
        sp.encode(piece, SpecialTokens.asText(), (id, s, e) -> {
            if (!sink.accept(id, Math.max(from, s + shift), Math.max(from, e + shift))) {
                stopped[0] = true;
                return false;
            }
            return true;
        });
        return !stopped[0];
    }
}
