package dev.tokenlab.springai;

import dev.tokenlab.TokenizerException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link TokenizerException} that stops a Spring Boot application (a {@code tokenlab.model} that cannot be
 * found or read) into Boot's "APPLICATION FAILED TO START" report: Tokenlab's one-line message as the description,
 * what {@code tokenlab.model} accepts as the action. Registered in {@code META-INF/spring.factories}.
 */
final class TokenizerFailureAnalyzer extends AbstractFailureAnalyzer<TokenizerException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TokenizerException cause) {
        return new FailureAnalysis("Tokenlab could not open its model: " + cause.getMessage(),
                "Set " + TokenlabProperties.PREFIX + ".model to a bundled tokenizer or model profile (llama3, llama3.1, "
                        + "cl100k_base, gpt-4o …), a model file or folder, hf:ORG/NAME or ollama:NAME.",
                cause);
    }
}
