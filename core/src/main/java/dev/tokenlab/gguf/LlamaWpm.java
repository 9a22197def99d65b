package dev.tokenlab.gguf;

import dev.tokenlab.TokenSink;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.hf.models.WordPiece;
import dev.tokenlab.hf.pipeline.NormalizedString;

/**
 * llama.cpp's BERT tokenizer ({@code llm_tokenizer_wpm_session}), which is not Hugging Face's: its own word
 * splitting, then greedy longest-match on {@link WordPiece}.
 *
 * <p>Splitting ({@code preprocess}), with llama.cpp's Unicode 15.1 data ({@link LlamaUnicode}): with
 * {@code strip_accents} (by default as {@code lowercase}, which is on by default) every code point is first replaced
 * by the <em>first code point of its NFD</em> — so é becomes e, but a Hangul syllable becomes its leading jamo
 * alone (한 → ᄒ); whitespace ends a word; NUL, U+FFFD and control/format/private-use/surrogate code points are
 * dropped, and so are accent marks when stripping accents; each code point is lowercased (simple mapping) when
 * lowercasing; a punctuation character, an ASCII symbol or a CJK ideograph (llama.cpp's ranges) is a word by
 * itself. No clean-up beyond that, no length limit per word.
 *
 * <p>Matching: the GGUF vocabulary writes word-initial pieces with a leading {@code ▁} and continuations bare
 * (the converter rewrote {@code ##x} as {@code x}), so each word is matched as {@code ▁word} against every token,
 * longest first from each position, with no continuation prefix: WordPiece with the prefix {@code ""}. A word with a
 * position nothing matches is the unknown token. Immutable and thread-safe.
 */
final class LlamaWpm {
    private final WordPiece wordPiece;
    private final LlamaUnicode unicode = LlamaUnicode.get();
    private final boolean lowercase;
    private final boolean stripAccents;

    LlamaWpm(LlamaVocab vocab) {
        if (vocab.unk == LlamaVocab.NONE) {
            throw new TokenizerFormatException(vocab.location, "a bert vocabulary without an unknown token id");
        }
        this.wordPiece = new WordPiece(vocab.text.clone(), "", vocab.unk, Integer.MAX_VALUE);
        this.lowercase = vocab.lowercase;
        this.stripAccents = vocab.stripAccents;
    }

    boolean encode(CharSequence text, int from, int to, TokenSink sink) {
        NormalizedString source = NormalizedString.of(text, from, to);
        int n = source.length();
        int i = 0;
        NormalizedString.Builder word = null;
        while (i < n) {
            int cp = source.codePointAt(i);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                cp = 0xFFFD;
            }
            if (stripAccents) {
                cp = unicode.nfdFirst(cp);
            }
            int category = unicode.category(cp);
            if (unicode.isWhitespace(cp)) {
                if (word != null && !flush(word, sink)) {
                    return false;
                }
                word = null;
                i++;
                continue;
            }
            if (cp == 0 || cp == 0xFFFD || category == LlamaUnicode.CONTROL || (stripAccents && category == LlamaUnicode.ACCENT_MARK)) {
                i++;
                continue;
            }
            int out = lowercase ? unicode.toLower(cp) : cp;
            if (category == LlamaUnicode.PUNCTUATION || (cp < 0x7F && category == LlamaUnicode.SYMBOL) || isChinese(cp)) {
                if (word != null && !flush(word, sink)) {
                    return false;
                }
                NormalizedString.Builder single = start(source, i);
                single.put(out, i);
                if (!flush(single, sink)) {
                    return false;
                }
                word = null;
            } else {
                if (word == null) {
                    word = start(source, i);
                }
                word.put(out, i);
            }
            i++;
        }
        return word == null || flush(word, sink);
    }

    private static NormalizedString.Builder start(NormalizedString source, int i) {
        NormalizedString.Builder b = source.edit();
        b.putRange('\u2581', source.originalStart(i), source.originalStart(i));
        return b;
    }

    private boolean flush(NormalizedString.Builder word, TokenSink sink) {
        NormalizedString w = word.build();
        return wordPiece.tokenize(w, (id, s, e) -> sink.accept(id, w.originalStart(s), Math.max(w.originalStart(s), w.originalEnd(e - 1))));
    }

    /** llama.cpp's {@code is_chinese_char}, with its ranges (one of them starts at U+2B920, as the Rust code's does). */
    static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
