/**
 * Tokenlab's exact counts in LangChain4j: {@link dev.tokenlab.langchain4j.TokenlabTokenCountEstimator} (a
 * {@code TokenCountEstimator} for any Tokenlab model, with Llama 3's chat format counted exactly) and
 * {@link dev.tokenlab.langchain4j.TokenlabDocumentSplitter} (a {@code DocumentSplitter} on
 * {@code TokenBudget.chunk}).
 *
 * <pre>{@code
 * TokenlabTokenCountEstimator estimator = TokenlabTokenCountEstimator.forModel("llama3.1");
 * List<TextSegment> segments = new TokenlabDocumentSplitter(estimator.tokenizer(), 512, 32).split(Document.from(text));
 * ChatMemory memory = TokenWindowChatMemory.withMaxTokens(8_000, estimator);
 * }</pre>
 */
package dev.tokenlab.langchain4j;
