package dev.tokenlab.langchain4j;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.Chunk;
import dev.tokenlab.budget.TokenBudget;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * LangChain4j's {@link DocumentSplitter} on Tokenlab's {@link TokenBudget#chunk}: segments of at most
 * {@code maxTokens} tokens each when re-encoded on their own, cut at a paragraph break, else a sentence end,
 * else a space, else a token boundary; consecutive segments share about {@code overlapTokens} tokens.
 * Unlike LangChain4j's splitters it never rewrites the text: each segment is the document's text between
 * its offsets.
 *
 * <pre>{@code
 * DocumentSplitter splitter = TokenlabDocumentSplitter.forModel("llama3.1", 512, 32);
 * List<TextSegment> segments = splitter.split(Document.from(book, Metadata.from("file", "book.txt")));
 * segments.get(1).metadata();
 * // {file=book.txt, index=1, start_offset=…, end_offset=…, token_count=…}: token_count ≤ 512
 * }</pre>
 *
 * <p>Each segment's metadata is a copy of the document's plus {@value #INDEX} (a string, as LangChain4j's
 * splitters write it), {@value #START_OFFSET} and {@value #END_OFFSET} (UTF-16 indices into the document's
 * text) and {@value #TOKEN_COUNT}. Special-token text is counted as text, whatever policy the tokenizer was built
 * with. Chunks of whitespace only are left out, since a {@link TextSegment}
 * cannot be blank. Immutable and thread-safe.
 */
public final class TokenlabDocumentSplitter implements DocumentSplitter {
    /** Metadata key of the segment's position among the document's segments, from {@code "0"}. */
    public static final String INDEX = "index";
    /** Metadata key of where the segment starts in the document's text (UTF-16 index, an int). */
    public static final String START_OFFSET = "start_offset";
    /** Metadata key of where the segment ends in the document's text (exclusive, an int). */
    public static final String END_OFFSET = "end_offset";
    /** Metadata key of the segment's token count (an int, at most the maximum). */
    public static final String TOKEN_COUNT = "token_count";

    private final TokenBudget budget;
    private final int maxTokens;
    private final int overlapTokens;

    /**
     * A splitter into segments of at most {@code maxTokens} tokens of {@code tokenizer}, overlapping by about
     * {@code overlapTokens}.
     *
     * <pre>{@code
     * new TokenlabDocumentSplitter(Tokenizers.get("llama3"), 256, 0);
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code maxTokens < 1} or {@code overlapTokens} is not in
     *                                  {@code [0, maxTokens)}
     */
    public TokenlabDocumentSplitter(Tokenizer tokenizer, int maxTokens, int overlapTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1: " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens) {
            throw new IllegalArgumentException("overlapTokens must be at least 0 and below maxTokens " + maxTokens + ": " + overlapTokens);
        }
        this.budget = TokenBudget.of(Objects.requireNonNull(tokenizer, "tokenizer").withDefaultSpecialTokens(SpecialTokens.asText()), maxTokens);
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    /**
     * A splitter for a model as {@link Tokenizers#open(String)} takes it: a name, a path, or
     * {@code SCHEME:NAME}.
     *
     * <pre>{@code
     * TokenlabDocumentSplitter.forModel("ollama:llama3.1", 512, 32);
     * }</pre>
     *
     * @throws dev.tokenlab.TokenizerNotFoundException if nothing has that name
     */
    public static TokenlabDocumentSplitter forModel(String model, int maxTokens, int overlapTokens) {
        return new TokenlabDocumentSplitter(Tokenizers.open(Objects.requireNonNull(model, "model")), maxTokens, overlapTokens);
    }

    /**
     * The document's text in segments of at most the maximum tokens, in order, with offsets in their metadata.
     *
     * <pre>{@code
     * new TokenlabDocumentSplitter(Tokenizers.get("llama3"), 2, 0).split(Document.from("unhappiness"));
     * // [TextSegment { text = "unh", metadata = {index=0, start_offset=0, end_offset=3, token_count=2} },
     * //  TextSegment { text = "appiness", metadata = {index=1, start_offset=3, end_offset=11, token_count=1} }]
     * }</pre>
     *
     * @throws IllegalArgumentException if a single character takes more than the maximum tokens
     */
    @Override
    public List<TextSegment> split(Document document) {
        Objects.requireNonNull(document, "document");
        List<TextSegment> segments = new ArrayList<>();
        for (Chunk chunk : budget.chunk(document.text(), maxTokens, overlapTokens)) {
            if (chunk.text().isBlank()) {
                continue;
            }
            Metadata metadata = document.metadata().copy()
                    .put(INDEX, String.valueOf(segments.size()))
                    .put(START_OFFSET, chunk.charStart())
                    .put(END_OFFSET, chunk.charEnd())
                    .put(TOKEN_COUNT, chunk.tokens());
            segments.add(TextSegment.from(chunk.text(), metadata));
        }
        return segments;
    }

    @Override
    public String toString() {
        return "TokenlabDocumentSplitter[" + budget.tokenizer().name() + ", maxTokens=" + maxTokens + ", overlapTokens=" + overlapTokens + "]";
    }
}
