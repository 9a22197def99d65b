package dev.tokenlab;

/**
 * A line of {@code tokenlab models}: a tokenizer core can build, without building it.
 *
 * @param name           registry name ({@code llama3}, {@code cl100k_base} …)
 * @param family         the models that use it
 * @param vocabularySize ids, ordinary and special
 * @param source         where its vocabulary comes from
 * @param available      whether it can be built here (OpenAI vocabularies need JTokkit's jar)
 */
public record TokenizerInfo(String name, String family, int vocabularySize, String source, boolean available) {
}
