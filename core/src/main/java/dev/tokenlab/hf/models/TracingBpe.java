package dev.tokenlab.hf.models;

import dev.tokenlab.bpe.TracingRankedMergeBpe;
import dev.tokenlab.hf.pipeline.NormalizedString;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Bpe#tokenize} step by step, for the teaching views ({@code tokenlab explain}): the starting
 * symbols of a word with what each stands for, every merge (told by {@link TracingRankedMergeBpe}),
 * and the tokens with the code point ranges {@code tokenize} gives them.
 *
 * <p>A separate implementation on purpose, so {@link Bpe}'s loop carries no listener and no record of
 * where each symbol came from. It repeats Bpe's rules one by one — {@code ignore_merges}, one symbol
 * per byte (byte-level) or per character with {@code continuing_subword_prefix} and
 * {@code end_of_word_suffix}, byte fallback, the unknown token held back past byte-fallback tokens and
 * fused with {@code fuse_unk}, characters dropped when there is no unknown token, ranges by running byte
 * length — without the cache; {@code TracingBpeTest} and the explainer tests prove the tokens equal
 * {@code tokenize}'s on every edge case of the shared models and of the synthetic {@code tokenizer.json} files.
 *
 * <pre>{@code
 * // Mistral, the word "▁unhappiness": 12 characters, 9 merges by merge rank, 3 tokens
 * TracingBpe.Result r = new TracingBpe(bpe).trace(piece, (step, position, start, mid, end, rank, id) -> …);
 * r.symbols().get(0);   // Symbol[id=28705 "▁", CHARACTER, code points 0..1]
 * r.ids();              // the ids Bpe.tokenize gives
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TracingBpe {

    /** What a starting symbol is. */
    public enum SymbolKind {
        /** One byte of the word's UTF-8 (byte-level vocabularies). */
        BYTE,
        /** One character, spelled with the prefix or suffix where they apply, found in the vocabulary. */
        CHARACTER,
        /** One byte of a character's spelling that is not in the vocabulary: its {@code <0xNN>} token. */
        BYTE_FALLBACK,
        /** The unknown token: a character not in the vocabulary (with {@code fuse_unk}, a run of them). */
        UNKNOWN
    }

    /**
     * One starting symbol.
     *
     * @param id    its token
     * @param bytes what it stands for: its byte, or its character's UTF-8 (a lone surrogate as U+FFFD's),
     *              or the one byte of the spelling a byte-fallback token is, or the unknown characters'
     *              UTF-8; without prefix or suffix
     * @param kind  what it is
     * @param from  the first code point of the word it comes from
     * @param to    one past the last
     */
    public record Symbol(int id, byte[] bytes, SymbolKind kind, int from, int to) {
    }

    /**
     * A character left out: not in the vocabulary, no byte fallback for it, and no unknown token.
     *
     * @param before the index the next symbol gets (the number of symbols before it)
     * @param at     its code point index in the word
     */
    public record Dropped(int before, int at) {
    }

    /**
     * How a word went.
     *
     * @param symbols the starting symbols (computed for teaching even when the word is taken whole)
     * @param dropped the characters left out
     * @param bounds  the final parts after merging, as symbol indices: part {@code k} is
     *                {@code [bounds[k], bounds[k + 1])}
     * @param wholeId the word's own id when {@code ignore_merges} takes it whole, else -1; the tokens are
     *                then that one id, whatever the merges reach
     * @param ids     the tokens' ids, as {@code tokenize} gives them
     * @param starts  each token's first code point
     * @param ends    one past each token's last code point
     */
    public record Result(List<Symbol> symbols, List<Dropped> dropped, int[] bounds, int wholeId, int[] ids, int[] starts,
                         int[] ends) {
    }

    private final Bpe bpe;
    private final TracingRankedMergeBpe merger;

    /** The tracer of {@code bpe}. */
    public TracingBpe(Bpe bpe) {
        this.bpe = bpe;
        this.merger = new TracingRankedMergeBpe(bpe.merges);
    }

    /** Tokenizes one non-empty word as {@link Bpe#tokenize} does, telling {@code listener} each merge. */
    public Result trace(NormalizedString piece, TracingRankedMergeBpe.MergeListener listener) {
        String text = piece.toString();
        byte[] utf8 = Bpe.utf8(text);
        int wholeId = bpe.ignoreMerges ? bpe.vocab.rank(utf8, 0, utf8.length) : -1;
        Symbols s = bpe.byteLevel ? bytes(utf8) : characters(piece);
        int n = s.symbols.size();
        int[] ids = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = s.symbols.get(k).id();
        }
        int[] bounds = merger.merge(ids, n, listener);
        int count = bounds.length - 1;
        if (wholeId >= 0) {
            int length = piece.length();
            return new Result(s.symbols, s.dropped, bounds, wholeId, new int[] {wholeId}, new int[] {0}, new int[] {length});
        }
        int[] starts = new int[count];
        int[] ends = new int[count];
        for (int k = 0; k < count; k++) {
            starts[k] = s.rangeStart[bounds[k]];
            ends[k] = s.rangeEnd[bounds[k + 1] - 1];
        }
        if (!bpe.byteLevel) {
            Bpe.bytesToCodePoints(piece, starts, ends, count);
        }
        return new Result(s.symbols, s.dropped, bounds, -1, Arrays.copyOf(ids, count), starts, ends);
    }

    /** Symbols with the ranges Bpe gives them (code points for bytes, running byte lengths for characters). */
    private static final class Symbols {
        final List<Symbol> symbols = new ArrayList<>();
        final List<Dropped> dropped = new ArrayList<>();
        int[] rangeStart = new int[16];
        int[] rangeEnd = new int[16];

        void add(Symbol symbol, int start, int end) {
            int n = symbols.size();
            if (n == rangeStart.length) {
                rangeStart = Arrays.copyOf(rangeStart, n * 2);
                rangeEnd = Arrays.copyOf(rangeEnd, n * 2);
            }
            rangeStart[n] = start;
            rangeEnd[n] = end;
            symbols.add(symbol);
        }

        Symbol last() {
            return symbols.get(symbols.size() - 1);
        }
    }

    /** Byte-level: one symbol per byte, ranges are the code point each byte belongs to; unknown bytes as Bpe treats them. */
    private Symbols bytes(byte[] utf8) {
        Symbols s = new Symbols();
        int cp = -1;
        for (int i = 0; i < utf8.length; i++) {
            if ((utf8[i] & 0xC0) != 0x80) {
                cp++;
            }
            int id = bpe.byteIds[utf8[i] & 0xFF];
            if (id >= 0) {
                s.add(new Symbol(id, new byte[] {utf8[i]}, SymbolKind.BYTE, cp, cp + 1), cp, cp + 1);
            } else if (bpe.unkId < 0) {
                s.dropped.add(new Dropped(s.symbols.size(), cp));
            } else if (bpe.fuseUnk && !s.symbols.isEmpty() && s.last().kind() == SymbolKind.UNKNOWN) {
                int k = s.symbols.size() - 1;
                Symbol u = s.last();
                byte[] grown = Arrays.copyOf(u.bytes(), u.bytes().length + 1);
                grown[grown.length - 1] = utf8[i];
                s.symbols.set(k, new Symbol(u.id(), grown, SymbolKind.UNKNOWN, u.from(), cp + 1));
                s.rangeEnd[k] = cp + 1;
            } else {
                s.add(new Symbol(bpe.unkId, new byte[] {utf8[i]}, SymbolKind.UNKNOWN, cp, cp + 1), cp, cp + 1);
            }
        }
        return s;
    }

    /**
     * Characters, as Bpe places them: ranges are running sums of byte lengths (a character's UTF-8
     * length, 1 for a byte-fallback token), an unknown character waits until the next character found
     * in the vocabulary (or the end) and fuses with the next unknown one under {@code fuse_unk}.
     */
    private Symbols characters(NormalizedString piece) {
        Symbols s = new Symbols();
        Bpe.Work w = new Bpe.Work(bpe.merges);
        int length = piece.length();
        int pos = 0;
        int pending = 0;
        ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();
        int pendingFrom = 0;
        int pendingTo = 0;
        for (int i = 0; i < length; i++) {
            int cp = piece.codePointAt(i);
            int charBytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            byte[] spelling = w.spelling(i > 0 ? bpe.prefix : null, cp, i == length - 1 ? bpe.suffix : null);
            int spellingLength = w.spellingLength;
            int id = bpe.vocab.rank(spelling, 0, spellingLength);
            if (id >= 0) {
                if (pending > 0) {
                    s.add(new Symbol(bpe.unkId, pendingBytes.toByteArray(), SymbolKind.UNKNOWN, pendingFrom, pendingTo), pos, pos + pending);
                    pos += pending;
                    pending = 0;
                }
                s.add(new Symbol(id, utf8(cp), SymbolKind.CHARACTER, i, i + 1), pos, pos + charBytes);
                pos += charBytes;
                continue;
            }
            if (bpe.byteFallback != null && allBytesKnown(spelling, spellingLength)) {
                for (int k = 0; k < spellingLength; k++) {
                    s.add(new Symbol(bpe.byteFallback[spelling[k] & 0xFF], new byte[] {spelling[k]}, SymbolKind.BYTE_FALLBACK, i, i + 1),
                            pos, pos + 1);
                    pos++;
                }
                continue;
            }
            if (bpe.unkId < 0) {
                s.dropped.add(new Dropped(s.symbols.size(), i));
                continue;
            }
            if (pending > 0 && !bpe.fuseUnk) {
                s.add(new Symbol(bpe.unkId, pendingBytes.toByteArray(), SymbolKind.UNKNOWN, pendingFrom, pendingTo), pos, pos + pending);
                pos += pending;
                pending = 0;
            }
            if (pending == 0) {
                pendingBytes.reset();
                pendingFrom = i;
            }
            pending += charBytes;
            pendingBytes.writeBytes(utf8(cp));
            pendingTo = i + 1;
        }
        if (pending > 0) {
            s.add(new Symbol(bpe.unkId, pendingBytes.toByteArray(), SymbolKind.UNKNOWN, pendingFrom, pendingTo), pos, pos + pending);
        }
        return s;
    }

    private boolean allBytesKnown(byte[] s, int length) {
        for (int k = 0; k < length; k++) {
            if (bpe.byteFallback[s[k] & 0xFF] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A code point's UTF-8; a lone surrogate as U+FFFD's. */
    private static byte[] utf8(int cp) {
        return (cp >= 0xD800 && cp <= 0xDFFF ? "\uFFFD" : new String(Character.toChars(cp))).getBytes(StandardCharsets.UTF_8);
    }
}
