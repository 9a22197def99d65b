package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.hf.HfTokenizer;
import dev.tokenlab.hf.models.Bpe;
import dev.tokenlab.hf.models.TracingBpe;
import dev.tokenlab.hf.pipeline.NormalizedString;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The explainer of Hugging Face {@code tokenizer.json} BPE models: byte-level (Llama 3, Qwen, DeepSeek,
 * gpt-oss) and by characters (Mistral, Gemma). The file's own pipeline cuts the text
 * ({@link HfPipeline}: added tokens, normalizer, pre-tokenizer); each pre-token starts as its bytes, or
 * its characters with byte-fallback {@code <0xNN>} symbols or the unknown symbol for characters not in
 * the vocabulary; {@link TracingBpe} (over {@code bpe.TracingRankedMergeBpe}) replays the merges by merge
 * rank. With {@code ignore_merges} a pre-token that is itself a token is taken whole, its merges shown
 * for teaching. The final tokens are {@code tokenize}'s, offsets included.
 *
 * <pre>{@code
 * BpeTrace t = new HfBpeExplainer(llama3Json).explain("unhappiness");
 * // one piece, 11 bytes, 8 merges: 1. "i"+"n" → "in" (merge rank 2, id 258) … 8. "app"+"iness" → "appiness"
 * // tokens un|h|appiness [359, 71, 67391], as the tiktoken form gives them
 * }</pre>
 */
final class HfBpeExplainer implements Explainer {
    private final HfTokenizer tokenizer;
    private final Bpe bpe;
    private final TracingBpe tracer;

    HfBpeExplainer(HfTokenizer tokenizer, Bpe bpe) {
        this.tokenizer = tokenizer;
        this.bpe = bpe;
        this.tracer = new TracingBpe(bpe);
    }

    @Override
    public String tokenizer() {
        return tokenizer.name();
    }

    @Override
    public String algorithm() {
        String rule = "merge the adjacent pair listed first in the merge list (lowest merge rank) first";
        if (bpe.byteLevel()) {
            return "byte-level BPE by merge rank: start from the piece's bytes, " + rule;
        }
        boolean fallback = false;
        for (int b = 0; b < 256 && !fallback; b++) {
            fallback = bpe.byteFallbackId(b) >= 0;
        }
        String missing = fallback ? "<0xNN> byte pieces for a character not in the vocabulary"
                : bpe.unkId() >= 0 ? "the unknown token for a character not in the vocabulary"
                : "a character not in the vocabulary is left out";
        return "BPE by merge rank: start from the piece's characters (" + missing + "), " + rule;
    }

    @Override
    public BpeTrace explain(String text) {
        HfPipeline.Run<Traced> run = HfPipeline.run(tokenizer, text, (piece, model, out) -> {
            List<int[]> merges = new ArrayList<>();
            TracingBpe.Result r = tracer.trace(piece, (step, position, start, mid, end, rank, id) ->
                    merges.add(new int[] {step, position, start, mid, end, rank, id}));
            for (int k = 0; k < r.ids().length; k++) {
                if (!out.token(r.ids()[k], r.starts()[k], r.ends()[k])) {
                    break;
                }
            }
            return new Traced(r, merges);
        });
        List<BpeTrace.Piece> pieces = new ArrayList<>(run.segments().size());
        for (HfPipeline.Segment<Traced> s : run.segments()) {
            String covered = text.substring(s.start(), s.end());
            if (s.source() != PieceSource.MODEL) {
                pieces.add(new BpeTrace.Piece(covered, s.start(), s.end(), covered.getBytes(StandardCharsets.UTF_8), List.of(), List.of(),
                        List.of(), s.tokens(), true, s.source()));
                continue;
            }
            pieces.add(piece(s, covered));
        }
        return new BpeTrace(tokenizer.name(), text, algorithm(), BpeTrace.MergeOrder.MERGE_RANK, run.normalized(), pieces);
    }

    /** What the tracer saw of one pre-token. */
    private record Traced(TracingBpe.Result result, List<int[]> merges) {
    }

    private BpeTrace.Piece piece(HfPipeline.Segment<Traced> s, String covered) {
        NormalizedString piece = s.piece();
        TracingBpe.Result r = s.detail().result();
        List<TracingBpe.Symbol> symbols = r.symbols();
        List<BpeTrace.Symbol> starting = new ArrayList<>(symbols.size());
        for (TracingBpe.Symbol sym : symbols) {
            starting.add(new BpeTrace.Symbol(sym.bytes(), sym.id(), false));
        }
        List<BpeTrace.Merge> merges = new ArrayList<>(s.detail().merges().size());
        for (int[] m : s.detail().merges()) {
            merges.add(new BpeTrace.Merge(m[0], m[1], bytes(symbols, m[2], m[3]), bytes(symbols, m[3], m[4]), m[6], m[5]));
        }
        byte[] bytes = utf8(piece);
        return new BpeTrace.Piece(covered, s.start(), s.end(), bytes, starting, merges, fallbacks(piece, r), s.tokens(),
                r.wholeId() >= 0, PieceSource.MODEL);
    }

    /** The characters that start as byte-fallback or unknown symbols, or are left out. */
    private List<Fallback> fallbacks(NormalizedString piece, TracingBpe.Result r) {
        List<Fallback> out = new ArrayList<>();
        List<TracingBpe.Symbol> symbols = r.symbols();
        int next = 0; // the next dropped character to place
        for (int k = 0; k <= symbols.size(); k++) {
            while (next < r.dropped().size() && r.dropped().get(next).before() == k) {
                int at = r.dropped().get(next++).at();
                out.add(new Fallback(k, codePointUtf8(piece.codePointAt(at)), bpe.unkId(), Fallback.Kind.DROPPED, List.of()));
            }
            if (k == symbols.size()) {
                break;
            }
            TracingBpe.Symbol sym = symbols.get(k);
            if (sym.kind() == TracingBpe.SymbolKind.UNKNOWN) {
                out.add(new Fallback(k, sym.bytes(), sym.id(), Fallback.Kind.UNKNOWN,
                        List.of(HfPipeline.span(tokenizer, sym.id(), piece.originalStart(sym.from()), piece.originalEnd(sym.to() - 1)))));
            } else if (sym.kind() == TracingBpe.SymbolKind.BYTE_FALLBACK && (k == 0 || symbols.get(k - 1).kind() != TracingBpe.SymbolKind.BYTE_FALLBACK
                    || symbols.get(k - 1).from() != sym.from())) {
                List<TokenSpan> tokens = new ArrayList<>();
                int start = piece.originalStart(sym.from());
                int end = piece.originalEnd(sym.to() - 1);
                for (int j = k; j < symbols.size() && symbols.get(j).kind() == TracingBpe.SymbolKind.BYTE_FALLBACK
                        && symbols.get(j).from() == sym.from(); j++) {
                    tokens.add(HfPipeline.span(tokenizer, symbols.get(j).id(), start, end));
                }
                out.add(new Fallback(k, codePointUtf8(piece.codePointAt(sym.from())), bpe.unkId(), Fallback.Kind.BYTES, tokens));
            }
        }
        return out;
    }

    /** The bytes of symbols {@code [from, to)}, joined. */
    private static byte[] bytes(List<TracingBpe.Symbol> symbols, int from, int to) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int k = from; k < to; k++) {
            b.writeBytes(symbols.get(k).bytes());
        }
        return b.toByteArray();
    }

    /** The UTF-8 of a pre-token, lone surrogates as U+FFFD's (as the model looks them up). */
    private static byte[] utf8(NormalizedString piece) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(piece.length() + 8);
        for (int i = 0; i < piece.length(); i++) {
            b.writeBytes(codePointUtf8(piece.codePointAt(i)));
        }
        return b.toByteArray();
    }

    private static byte[] codePointUtf8(int cp) {
        return (cp >= 0xD800 && cp <= 0xDFFF ? "\uFFFD" : new String(Character.toChars(cp))).getBytes(StandardCharsets.UTF_8);
    }
}
