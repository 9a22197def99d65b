/**
 * Tokenlab's exact counts in Spring AI: {@link dev.tokenlab.springai.TokenlabTokenCountEstimator} (a
 * {@code TokenCountEstimator} for any Tokenlab model), {@link dev.tokenlab.springai.TokenlabTextSplitter} (a
 * {@code TextSplitter} on {@code TokenBudget.chunk}) and {@link dev.tokenlab.springai.TokenlabAutoConfiguration}
 * (their beans from {@code tokenlab.*} properties in a Spring Boot application).
 *
 * <pre>{@code
 * TokenlabTokenCountEstimator estimator = TokenlabTokenCountEstimator.forModel("llama3.1");
 * List<Document> chunks = new TokenlabTextSplitter(estimator.tokenizer(), 512, 32).split(new Document(text));
 * BatchingStrategy batching = new TokenCountBatchingStrategy(estimator, 8_000, 0.1,
 *         Document.DEFAULT_CONTENT_FORMATTER, MetadataMode.EMBED);
 * }</pre>
 */
package dev.tokenlab.springai;
