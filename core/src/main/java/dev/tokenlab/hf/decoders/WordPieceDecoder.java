package dev.tokenlab.hf.decoders;

import dev.tokenlab.hf.pipeline.Decoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code WordPiece} decoder: a token after the first loses the continuing prefix ({@code ##}) if it
 * has one, and gets a space before it otherwise; with {@code cleanup}, each token on its own has the
 * spaces before punctuation and in English contractions removed, as the Rust library does (rules that
 * would span two tokens never apply).
 */
public final class WordPieceDecoder implements Decoder {
    private final String prefix;
    private final boolean cleanup;

    /** A WordPiece decoder. */
    public WordPieceDecoder(String prefix, boolean cleanup) {
        this.prefix = prefix;
        this.cleanup = cleanup;
    }

    @Override
    public List<String> decode(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (i > 0) {
                t = t.startsWith(prefix) ? t.substring(prefix.length()) : " " + t;
            }
            out.add(cleanup ? cleanup(t) : t);
        }
        return out;
    }

    /** The cleanup of the Rust library's WordPiece and CTC decoders, on one string. */
    static String cleanup(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",").replace(" ' ", "'")
                .replace(" n't", "n't").replace(" 'm", "'m").replace(" do not", " don't").replace(" 's", "'s")
                .replace(" 've", "'ve").replace(" 're", "'re");
    }

    @Override
    public String toString() {
        return "WordPiece(" + prefix + (cleanup ? ", cleanup" : "") + ")";
    }
}
