package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.bpe.ByteVocabulary;
import dev.tokenlab.bpe.TracingBytePairMerger;
import dev.tokenlab.internal.Utf8;
import dev.tokenlab.tiktoken.TiktokenTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The explainer of the tiktoken-style tokenizers: the pre-tokenizer's pieces, then byte-level BPE on
 * each piece's UTF-8 bytes, traced by {@link TracingBytePairMerger}. It follows
 * {@link TiktokenTokenizer}'s encode step by step (a piece that is itself a token is taken whole), so
 * the final tokens are the ones {@code tokenize} gives, offsets included. Meta's optional long-run
 * split (runs of 25,000+ characters) is not applied.
 *
 * <pre>{@code
 * BpeTrace t = new ByteLevelBpeExplainer(llama3).explain("Hello world");
 * // pieces "Hello" (taken whole: rank 9906) and " world" (rank 1917)
 * }</pre>
 */
final class ByteLevelBpeExplainer implements Explainer {
    private final TiktokenTokenizer tokenizer;
    private final ByteVocabulary vocab;
    private final TracingBytePairMerger merger;

    ByteLevelBpeExplainer(TiktokenTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.vocab = tokenizer.vocabulary();
        this.merger = new TracingBytePairMerger(vocab);
    }

    @Override
    public String tokenizer() {
        return tokenizer.name();
    }

    @Override
    public String algorithm() {
        return "byte-level BPE: start from the piece's bytes, merge the adjacent pair of lowest rank first";
    }

    @Override
    public BpeTrace explain(String text) {
        List<BpeTrace.Piece> pieces = new ArrayList<>();
        tokenizer.preTokenizer().split(text, 0, text.length(), (start, end) -> {
            pieces.add(piece(text, start, end));
            return true;
        });
        return new BpeTrace(tokenizer.name(), text, algorithm(), BpeTrace.MergeOrder.LOWEST_RANK, text, pieces);
    }

    private BpeTrace.Piece piece(String text, int start, int end) {
        byte[] padded = new byte[(end - start) * 3 + ByteVocabulary.READ_PADDING];
        int n = Utf8.encode(text, start, end, padded, 0);
        byte[] bytes = Arrays.copyOf(padded, n);
        List<BpeTrace.Symbol> symbols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            symbols.add(new BpeTrace.Symbol(new byte[] {bytes[i]}, vocab.byteRank(bytes[i]), false));
        }
        List<BpeTrace.Merge> merges = new ArrayList<>();
        int[] bounds = merger.merge(padded, 0, n, (step, position, s, mid, e, rank) -> merges.add(new BpeTrace.Merge(
                step, position, Arrays.copyOfRange(bytes, s, mid), Arrays.copyOfRange(bytes, mid, e), rank, rank)));
        int whole = vocab.rank(padded, 0, n);
        if (whole >= 0) {
            bounds = new int[] {0, n};
        }
        int[] charOfByte = charOfByte(text, start, end, n);
        List<TokenSpan> tokens = new ArrayList<>(bounds.length - 1);
        for (int k = 0; k + 1 < bounds.length; k++) {
            int b0 = bounds[k];
            int b1 = bounds[k + 1];
            int id = whole >= 0 ? whole : vocab.rank(padded, b0, b1);
            int cs = charOfByte[b0];
            int ce = charEndOfByte(text, charOfByte[b1 - 1], end);
            tokens.add(new TokenSpan(id, Arrays.copyOfRange(bytes, b0, b1), cs, ce, false));
        }
        return new BpeTrace.Piece(text.substring(start, end), start, end, bytes, symbols, merges, List.of(), tokens, whole >= 0);
    }

    /** For each byte of the piece's UTF-8 form, the UTF-16 index of the character it belongs to. */
    private static int[] charOfByte(String text, int start, int end, int byteCount) {
        int[] map = new int[byteCount];
        int b = 0;
        for (int i = start; i < end; ) {
            int w = Utf8.byteLength(text, i, end);
            for (int k = 0; k < w; k++) {
                map[b++] = i;
            }
            i += w == 4 ? 2 : 1;
        }
        return map;
    }

    /** One past the character that starts at UTF-16 index {@code i}. */
    private static int charEndOfByte(String text, int i, int end) {
        return Utf8.byteLength(text, i, end) == 4 ? i + 2 : i + 1;
    }
}
