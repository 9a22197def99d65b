package dev.tokenlab.springai;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.Chunk;
import dev.tokenlab.budget.TokenBudget;
import org.springframework.ai.document.Document;
import org.springframework.ai.transformer.splitter.TextSplitter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Spring AI's {@link TextSplitter} on Tokenlab's {@link TokenBudget#chunk}: chunks of at most
 * {@code maxTokens} tokens each when re-encoded on their own, cut at a paragraph break, else a sentence end,
 * else a space, else a token boundary; consecutive chunks share about {@code overlapTokens} tokens. Unlike
 * Spring AI's {@code TokenTextSplitter} (OpenAI encodings only, a chunk re-decoded from token ids and
 * trimmed) it never rewrites the text: each chunk is the document's text between its offsets.
 *
 * <pre>{@code
 * TextSplitter splitter = TokenlabTextSplitter.forModel("llama3.1", 512, 32);
 * List<Document> chunks = splitter.split(new Document(book, Map.of("file", "book.txt")));
 * chunks.get(1).getMetadata();
 * // {file=book.txt, parent_document_id=…, chunk_index=1, total_chunks=…,
 * //  start_offset=…, end_offset=…, token_count=…}: token_count ≤ 512
 * }</pre>
 *
 * <p>Each chunk's metadata is the document's, plus what every Spring AI {@code TextSplitter} adds
 * ({@value #PARENT_DOCUMENT_ID}, {@value #CHUNK_INDEX}, {@value #TOTAL_CHUNKS}), plus {@value #START_OFFSET}
 * and {@value #END_OFFSET} (UTF-16 indices into the document's text) and {@value #TOKEN_COUNT}. Each chunk
 * keeps the document's score and, unless {@link #setCopyContentFormatter(boolean) turned off}, its content
 * formatter, as {@code TextSplitter} does. Chunks of whitespace only are left out; a document without text (a
 * media document) gives no chunks, as with every {@code TextSplitter}. Special-token text is counted as
 * text, whatever policy the tokenizer was built with. Thread-safe once configured.
 */
public final class TokenlabTextSplitter extends TextSplitter {
    /** Metadata key of the id of the document the chunk comes from (a string; set by every Spring AI splitter). */
    public static final String PARENT_DOCUMENT_ID = "parent_document_id";
    /** Metadata key of the chunk's position among the document's chunks, from 0 (an int; as Spring AI's splitters). */
    public static final String CHUNK_INDEX = "chunk_index";
    /** Metadata key of the number of chunks of the document (an int; as Spring AI's splitters). */
    public static final String TOTAL_CHUNKS = "total_chunks";
    /** Metadata key of where the chunk starts in the document's text (UTF-16 index, an int). */
    public static final String START_OFFSET = "start_offset";
    /** Metadata key of where the chunk ends in the document's text (exclusive, an int). */
    public static final String END_OFFSET = "end_offset";
    /** Metadata key of the chunk's token count (an int, at most the maximum). */
    public static final String TOKEN_COUNT = "token_count";

    private final TokenBudget budget;
    private final int maxTokens;
    private final int overlapTokens;

    /**
     * A splitter into chunks of at most {@code maxTokens} tokens of {@code tokenizer}, overlapping by about
     * {@code overlapTokens}.
     *
     * <pre>{@code
     * new TokenlabTextSplitter(Tokenizers.get("llama3"), 256, 0);
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code maxTokens < 1} or {@code overlapTokens} is not in
     *                                  {@code [0, maxTokens)}
     */
    public TokenlabTextSplitter(Tokenizer tokenizer, int maxTokens, int overlapTokens) {
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
     * TokenlabTextSplitter.forModel("ollama:llama3.1", 512, 32);
     * }</pre>
     *
     * @throws dev.tokenlab.TokenizerNotFoundException if nothing has that name
     */
    public static TokenlabTextSplitter forModel(String model, int maxTokens, int overlapTokens) {
        return new TokenlabTextSplitter(Tokenizers.open(Objects.requireNonNull(model, "model")), maxTokens, overlapTokens);
    }

    /**
     * The most tokens a chunk has.
     *
     * <pre>{@code
     * TokenlabTextSplitter.forModel("llama3", 512, 32).maxTokens();   // 512
     * }</pre>
     */
    public int maxTokens() {
        return maxTokens;
    }

    /**
     * About how many tokens consecutive chunks share.
     *
     * <pre>{@code
     * TokenlabTextSplitter.forModel("llama3", 512, 32).overlapTokens();   // 32
     * }</pre>
     */
    public int overlapTokens() {
        return overlapTokens;
    }

    /**
     * Each document's text in chunks of at most the maximum tokens, in order, with offsets in their metadata.
     * {@link #split(Document)} and {@link #split(List)} come here.
     *
     * <pre>{@code
     * new TokenlabTextSplitter(Tokenizers.get("llama3"), 2, 0).apply(List.of(new Document("unhappiness")));
     * // [Document{text=unh, metadata={chunk_index=0, start_offset=0, end_offset=3, token_count=2, …}},
     * //  Document{text=appiness, metadata={chunk_index=1, start_offset=3, end_offset=11, token_count=1, …}}]
     * }</pre>
     *
     * @throws IllegalArgumentException if a single character takes more than the maximum tokens
     */
    @Override
    public List<Document> apply(List<Document> documents) {
        List<Document> out = new ArrayList<>();
        for (Document document : Objects.requireNonNull(documents, "documents")) {
            List<Chunk> chunks = chunks(document.getText());
            for (int i = 0; i < chunks.size(); i++) {
                Chunk chunk = chunks.get(i);
                Map<String, Object> metadata = new HashMap<>();
                document.getMetadata().forEach((key, value) -> {
                    if (key != null && value != null) {
                        metadata.put(key, value);
                    }
                });
                metadata.put(PARENT_DOCUMENT_ID, document.getId());
                metadata.put(CHUNK_INDEX, i);
                metadata.put(TOTAL_CHUNKS, chunks.size());
                metadata.put(START_OFFSET, chunk.charStart());
                metadata.put(END_OFFSET, chunk.charEnd());
                metadata.put(TOKEN_COUNT, chunk.tokens());
                Document piece = Document.builder().text(chunk.text()).metadata(metadata).score(document.getScore()).build();
                if (isCopyContentFormatter()) {
                    piece.setContentFormatter(document.getContentFormatter());
                }
                out.add(piece);
            }
        }
        return out;
    }

    /**
     * The chunks' texts, without metadata.
     *
     * <pre>{@code
     * new TokenlabTextSplitter(Tokenizers.get("llama3"), 2, 0).splitText("unhappiness");   // [unh, appiness]
     * }</pre>
     */
    @Override
    protected List<String> splitText(String text) {
        return chunks(text).stream().map(Chunk::text).toList();
    }

    private List<Chunk> chunks(String text) {
        if (text == null) {
            return List.of();
        }
        return budget.chunk(text, maxTokens, overlapTokens).stream().filter(c -> !c.text().isBlank()).toList();
    }

    @Override
    public String toString() {
        return "TokenlabTextSplitter[" + budget.tokenizer().name() + ", maxTokens=" + maxTokens + ", overlapTokens=" + overlapTokens + "]";
    }
}
