package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.options.InputOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.render.explain.BpeTraceText;
import dev.tokenlab.cli.render.explain.ExplainJson;
import dev.tokenlab.cli.render.explain.LevelsText;
import dev.tokenlab.cli.render.explain.MergeRankTraceText;
import dev.tokenlab.cli.render.explain.SentencePieceTraceText;
import dev.tokenlab.cli.render.explain.UnigramTraceText;
import dev.tokenlab.cli.render.explain.WordPieceTraceText;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.ExplainTrace;
import dev.tokenlab.explain.Explainer;
import dev.tokenlab.explain.Explainers;
import dev.tokenlab.explain.Levels;
import dev.tokenlab.explain.PieceView;
import dev.tokenlab.explain.UnigramTrace;
import dev.tokenlab.explain.WordPieceTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tokenlab explain}: how a model turns a word into tokens, merge by merge (BPE: by rank, by
 * piece score, or by a tokenizer.json's merge rank), step by step (WordPiece) or as the best of all
 * segmentations (Unigram); with {@code --levels}, a sentence at the word, token and character level.
 *
 * <pre>
 * $ tokenlab explain unhappiness -m llama3
 * llama3: byte-level BPE: start from the piece's bytes, merge the adjacent pair of lowest rank first
 * "unhappiness": 1 piece, 8 merges, 3 tokens
 *
 * piece 1: "unhappiness" (11 bytes)
 *   start: "u" "n" "h" "a" "p" "p" "i" "n" "e" "s" "s"
 *   1. "i"+"n" → "in" (rank 258)
 *   …
 *   8. "app"+"iness" → "appiness" (rank 67391)
 *   tokens: un|h|appiness (359 71 67391)
 *
 * 3 tokens: un|h|appiness
 * ids: 359 71 67391
 *
 * $ tokenlab explain unhappiness -m llama2
 * …
 * word 1: "▁unhappiness" (12 characters)
 *   start: "▁" "u" "n" "h" "a" "p" "p" "i" "n" "e" "s" "s"
 *   1. "i" + "n"    → "in"    (score -3.0, id 262)
 *   …
 *   9. "▁un" + "h"  → "▁unh"  (score -28600.0, id 28859)
 *   tokens: ▁unh|app|iness (28859 932 3335)
 *
 * $ tokenlab explain unhappiness -m ../shared/models/hf/bert
 * …
 * word 1: "unhappiness" (11 characters)
 *   at 0: "un"      (id 4895) after 9 longer candidates
 *   …
 *   at 6: "##iness" (id 9961), the rest of the word
 *
 * $ tokenlab explain unhappiness -m test_model.model
 * …
 * best: ▁un|ha|p|p|i|ness    log p = -38.48
 *       piece   id  score
 *       ▁un    210  -7.13
 *       …
 * 2nd:  ▁un|h|a|p|p|i|ness   log p = -41.05  (-2.57 vs best)
 * </pre>
 */
@Command(name = "explain",
        description = {
                "Explain how a model turns a word into tokens: merge by merge (BPE), step by step (WordPiece),"
                        + " or the best of all segmentations and the next best (Unigram).",
                "Shows the pieces, their starting symbols, every merge with its rank, score or merge rank, and"
                        + " the final tokens. --levels shows a sentence as words, tokens and characters instead."},
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "How byte-level BPE works (llama3, cl100k_base, o200k_base …): the",
                "pre-tokenizer cuts the text into pieces (words with their leading space,",
                "numbers, punctuation); each piece starts as its UTF-8 bytes; the adjacent",
                "pair whose joined bytes have the lowest rank in the vocabulary merges, again",
                "and again, until no pair is in the vocabulary. The parts left are the",
                "tokens and their ranks the ids. A piece that is itself in the vocabulary is",
                "taken whole, as tiktoken does; the final tokens are always encode's.",
                "",
                "SentencePiece BPE (llama2, BPE .model files): the text is normalized",
                "(spaces become ▁, most models put one in front) and cut into words before",
                "each ▁; each word starts as its characters, and the adjacent pair whose",
                "joined text is the piece of highest score merges first. A character no",
                "piece covers becomes its <0xNN> byte pieces (byte fallback) or <unk>.",
                "",
                "SentencePiece Unigram (.model files such as sentencepiece's test_model):",
                "no merges; of every way to cut the normalized text into pieces, the one",
                "whose scores (log probabilities) sum highest is chosen. explain lists it",
                "with each piece's id and score, then the next best (--nbest N).",
                "",
                "Hugging Face tokenizer.json models (a file or a folder): the file's",
                "pipeline cuts the text (added tokens are taken as they are; the normalizer",
                "and pre-tokenizer run). BPE (Llama 3, Qwen, Mistral, Gemma …) starts from",
                "bytes or characters (<0xNN> byte pieces or the unknown token for a character",
                "not in the vocabulary) and merges the adjacent pair listed first in the",
                "file's merge list: each merge shows its merge rank. WordPiece (BERT) takes,",
                "from the start of each word, the longest entry that matches (## after the",
                "first piece), then again from where it ends; a word with a position where",
                "nothing matches, or over 100 characters, is [UNK]. Unigram segments each",
                "word on its own.",
                "",
                "Traces exist for the BPE, WordPiece and Unigram models the core engine runs;",
                "the adapters (--engine jtokkit, sentencepiece) have none (exit 1). --levels",
                "works for all.",
                "",
                "Levels: words are runs of letters, marks and digits separated by",
                "whitespace and punctuation; in scripts written without spaces (Han, kana,",
                "Thai, Lao, Khmer, Myanmar) each character is a word. Characters are",
                "Unicode code points, spaces and punctuation included.",
                "",
                "JSON (--format json): one line; the trace as above, or the levels. Its",
                "JSON Schema, with what each key means: tokenlab schema explain.",
                "",
                "Examples:",
                "  tokenlab explain unhappiness -m llama3",
                "  tokenlab explain unhappiness -m llama2        # merges by piece score",
                "  tokenlab explain unhappiness -m test_model.model --nbest 3",
                "  tokenlab explain \" tokenization\" -m o200k_base --format json",
                "  tokenlab explain --levels \"I love machine learning!\"  # 4, 5, 24",
                "  tokenlab explain 😀 -m llama3                # an emoji's bytes merging",
                "  tokenlab explain unhappiness -m path/to/mistral  # tokenizer.json: merge ranks",
                "  tokenlab explain unaffable -m path/to/bert   # WordPiece: greedy steps"})
public final class ExplainCommand extends TokenlabSubcommand {

    /** Output formats of {@code explain}. */
    enum Format { text, json }

    /**
     * The longest text a trace is printed for. The tracing mergers are the plain O(n²) loop, fine for
     * words and sentences: a 20,000-byte single piece takes about a second.
     */
    static final int MAX_TRACE_CHARS = 20_000;

    /** The most segmentations {@code --nbest} lists: a k-best search keeps that many paths per position. */
    static final int MAX_SEGMENTATIONS = 100;

    @Mixin
    ModelOptions model;

    @Mixin
    InputOptions input;

    @Option(names = "--levels", description = "Show the text at word, token (subword) and character level.")
    boolean levels;

    @Option(names = "--nbest", paramLabel = "N",
            description = "Unigram models: list the N best segmentations, the chosen one included (default: "
                    + Explainers.DEFAULT_SEGMENTATIONS + ", at most " + MAX_SEGMENTATIONS + ").")
    Integer segmentations;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    protected int run() {
        if (segmentations != null && (segmentations < 1 || segmentations > MAX_SEGMENTATIONS)) {
            throw CliException.usage("--nbest must be 1 to " + MAX_SEGMENTATIONS + ": " + segmentations);
        }
        if (segmentations != null && levels) {
            throw CliException.usage("--nbest is for Unigram traces, not --levels");
        }
        Tokenizer t = model.open();
        String text = readInput(input).text();
        PieceView pieces = Explainers.pieces(t);
        if (levels) {
            Levels l = Levels.of(t, text);
            if (format == Format.json) {
                json(t).levels(l, pieces);
            } else {
                new LevelsText(out()).write(model.model(), t.name(), l, pieces);
            }
            return ExitCodes.OK;
        }
        if (text.length() > MAX_TRACE_CHARS) {
            throw CliException.usage("explain traces words and sentences: give at most " + MAX_TRACE_CHARS
                    + " characters, not " + text.length() + " (show and count take texts of any size)");
        }
        int n = segmentations == null ? Explainers.DEFAULT_SEGMENTATIONS : segmentations;
        Explainer explainer = Explainers.find(t, n).orElseThrow(() -> CliException.error(
                "explain has no trace for " + t.name() + " on engine " + model.engine()
                        + " (traces exist for the BPE, WordPiece and Unigram models the core engine runs; --levels works for every model)"));
        ExplainTrace trace = explainer.explain(text);
        if (segmentations != null && !(trace instanceof UnigramTrace)) {
            throw CliException.usage("--nbest is for Unigram models; " + t.name() + " is " + (trace instanceof WordPieceTrace ? "WordPiece" : "BPE")
                    + ", whose trace has one path");
        }
        if (trace instanceof UnigramTrace unigram) {
            if (format == Format.json) {
                json(t).unigram(unigram, pieces);
            } else {
                new UnigramTraceText(out()).write(unigram, pieces, n);
            }
        } else if (trace instanceof BpeTrace bpe) {
            if (format == Format.json) {
                json(t).bpe(bpe, pieces);
            } else if (bpe.order() == BpeTrace.MergeOrder.HIGHEST_SCORE) {
                new SentencePieceTraceText(out()).write(bpe, pieces);
            } else if (bpe.order() == BpeTrace.MergeOrder.MERGE_RANK) {
                new MergeRankTraceText(out()).write(bpe, pieces);
            } else {
                new BpeTraceText(out()).write(bpe, pieces);
            }
        } else if (trace instanceof WordPieceTrace wordPiece) {
            if (format == Format.json) {
                json(t).wordPiece(wordPiece, pieces);
            } else {
                new WordPieceTraceText(out()).write(wordPiece, pieces);
            }
        } else {
            throw CliException.error("explain cannot print a " + trace.getClass().getSimpleName());
        }
        return ExitCodes.OK;
    }

    private ExplainJson json(Tokenizer t) {
        return new ExplainJson(out(), model.model(), t.name(), model.engine());
    }
}
