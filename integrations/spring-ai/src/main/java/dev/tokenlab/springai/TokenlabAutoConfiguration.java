package dev.tokenlab.springai;

import dev.tokenlab.ModelProfiles;
import dev.tokenlab.Tokenizer;
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
import org.springframework.core.type.AnnotatedTypeMetadata;

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
     * {@code tokenlab.context} tokens (by default the model profile's window) less {@code tokenlab.reserve},
     * special-token text counted as text. Only when the context is known: set, or {@code tokenlab.model}
     * names a model profile.
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
        int context = properties.getContext() != null ? properties.getContext()
                : ModelProfiles.get(properties.getModel().trim()).contextWindow();
        return TokenBudget.of(AsTextTokenizer.of(tokenizer), context).reserving(properties.getReserve());
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

    /** {@code tokenlab.context} is set, or {@code tokenlab.model} (default {@code llama3}) names a model profile. */
    static final class ContextKnown implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (context.getEnvironment().getProperty(TokenlabProperties.PREFIX + ".context") != null) {
                return true;
            }
            String model = context.getEnvironment().getProperty(TokenlabProperties.PREFIX + ".model", "llama3");
            return ModelProfiles.find(model.trim()).isPresent();
        }
    }
}
