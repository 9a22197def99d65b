package dev.tokenlab.springai;

import dev.tokenlab.ModelProfile;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerDescription;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.TokenBudget;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.ai.transformer.splitter.TextSplitter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Spring Boot auto-configuration of Tokenlab from the {@link TokenlabProperties tokenlab.* properties}: a
 * {@link Tokenizer} for {@code tokenlab.model} (default {@code llama3}), a {@link TokenBudget} when the context
 * window is known, and, when Spring AI is on the classpath, a {@link TokenlabTokenCountEstimator} and a
 * {@link TokenlabTextSplitter}. Each bean backs off when the application defines its own of that type
 * (any {@code TokenCountEstimator}, any {@code TextSplitter}).
 *
 * <pre>{@code
 * # application.properties: only the dependency and this line
 * tokenlab.model=llama3.1
 *
 * @Bean
 * BatchingStrategy batching(TokenCountEstimator estimator) {   // the Tokenlab estimator, counting Llama 3 tokens
 *     return new TokenCountBatchingStrategy(estimator, 8_000, 0.1, Document.DEFAULT_CONTENT_FORMATTER, MetadataMode.EMBED);
 * }
 * }</pre>
 *
 * <p>A model that cannot be opened stops the application with Tokenlab's one-line message, e.g.
 * {@code unknown model "lama3"; did you mean llama3, llama2?}, which Boot's failure report shows as the
 * description, with what {@code tokenlab.model} takes as the action.
 */
@AutoConfiguration
@EnableConfigurationProperties(TokenlabProperties.class)
public class TokenlabAutoConfiguration {
    /**
     * Used by Spring Boot; applications get this configuration from the dependency alone.
     *
     * <pre>{@code
     * new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TokenlabAutoConfiguration.class));
     * }</pre>
     */
    public TokenlabAutoConfiguration() {
    }

    /**
     * The tokenizer of {@code tokenlab.model}, as {@link Tokenizers#open(String)} opens it.
     *
     * <pre>{@code
     * context.getBean(Tokenizer.class).count("Hello world");   // 2 with tokenlab.model=llama3.1
     * }</pre>
     *
     * @throws dev.tokenlab.TokenizerException if the model cannot be found or read
     */
    @Bean
    @ConditionalOnMissingBean
    public Tokenizer tokenlabTokenizer(TokenlabProperties properties) {
        return Tokenizers.open(properties.getModel());
    }

    /**
     * The model's context window less {@code tokenlab.reserve}, special-token text counted as text. The window is
     * {@code tokenlab.context}; else, for an Ollama model, the {@code num_ctx} its params set, or Ollama's default
     * 4096 (Ollama cuts a longer prompt); else the window of the model profile
     * {@code tokenlab.model} names; else the context length the model's files give. No bean when none is known.
     *
     * <pre>{@code
     * // tokenlab.model=llama3.1, tokenlab.reserve=1000
     * context.getBean(TokenBudget.class).remaining("Hello world");   // 130070
     * }</pre>
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(ContextKnown.class)
    public TokenBudget tokenlabTokenBudget(Tokenizer tokenizer, TokenlabProperties properties) {
        int window = contextWindow(properties.getContext(), properties.getModel(), tokenizer.describe()).orElseThrow();
        return TokenBudget.of(tokenizer.withDefaultSpecialTokens(SpecialTokens.asText()), window).reserving(properties.getReserve());
    }

    /** Ollama's {@code num_ctx} when neither the model's params nor the server set one (as {@code tokenlab count}). */
    static final int OLLAMA_DEFAULT_NUM_CTX = 4096;

    /** The window in the order {@link #tokenlabTokenBudget} gives; {@code description} is asked only when needed. */
    static OptionalInt contextWindow(Integer context, String model, Supplier<TokenizerDescription> description) {
        if (context != null) {
            return OptionalInt.of(context);
        }
        String name = model.trim();
        if (name.startsWith("ollama:")) {
            return OptionalInt.of(description.get().servedContextLength().orElse(OLLAMA_DEFAULT_NUM_CTX));
        }
        Optional<ModelProfile> profile = ModelProfiles.find(name);
        if (profile.isPresent()) {
            return OptionalInt.of(profile.get().contextWindow());
        }
        TokenizerDescription d = description.get();
        return d.servedContextLength().isPresent() ? d.servedContextLength() : d.contextLength();
    }

    private static OptionalInt contextWindow(Integer context, String model, TokenizerDescription description) {
        return contextWindow(context, model, () -> description);
    }

    /** The Spring AI beans, only when Spring AI is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.ai.tokenizer.TokenCountEstimator")
    static class SpringAi {
        @Bean
        @ConditionalOnMissingBean(TokenCountEstimator.class)
        TokenlabTokenCountEstimator tokenlabTokenCountEstimator(Tokenizer tokenizer, TokenlabProperties properties) {
            return new TokenlabTokenCountEstimator(tokenizer, properties.getMediaTokens());
        }

        @Bean
        @ConditionalOnMissingBean(TextSplitter.class)
        TokenlabTextSplitter tokenlabTextSplitter(Tokenizer tokenizer, TokenlabProperties properties) {
            return new TokenlabTextSplitter(tokenizer, properties.getChunkSize(), properties.getChunkOverlap());
        }
    }

    /**
     * The context window is known ({@link #contextWindow}): set, an Ollama model, or a model profile; else the model
     * is opened here to read its files' context length (a name is opened once and shared; a file is read again for
     * the bean). A model that cannot be opened is left to the tokenizer bean to report.
     */
    static final class ContextKnown implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            Integer window = environment.getProperty(TokenlabProperties.PREFIX + ".context", Integer.class);
            String model = environment.getProperty(TokenlabProperties.PREFIX + ".model", "llama3");
            if (window != null || model.trim().startsWith("ollama:") || ModelProfiles.find(model.trim()).isPresent()) {
                return true;
            }
            try {
                return contextWindow(null, model, () -> Tokenizers.open(model).describe()).isPresent();
            } catch (TokenizerException e) {
                return false; // the tokenizer bean reports it
            }
        }
    }
}
