package dev.tokenlab.springai;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.TokenBudget;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.ai.transformer.splitter.TextSplitter;
import org.springframework.ai.transformer.splitter.TokenTextSplitter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auto-configuration in Spring Boot's real {@link ApplicationContextRunner}. */
class TokenlabAutoConfigurationTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");
    private static final String TEXT = "Everyone has the right to life, liberty and security of person. <|eot_id|> is text here.";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TokenlabAutoConfiguration.class));

    @Test
    void withoutPropertiesEverythingIsLlama3() {
        runner.run(context -> {
            assertEquals("llama3", context.getBean(Tokenizer.class).name());
            TokenCountEstimator estimator = context.getBean(TokenCountEstimator.class);
            assertInstanceOf(TokenlabTokenCountEstimator.class, estimator);
            assertEquals(LLAMA3.count(TEXT, SpecialTokens.asText()), estimator.estimate(TEXT));
            TokenlabTextSplitter splitter = assertInstanceOf(TokenlabTextSplitter.class, context.getBean(TextSplitter.class));
            assertEquals(800, splitter.maxTokens());
            assertEquals(0, splitter.overlapTokens());
            assertEquals(8_192, context.getBean(TokenBudget.class).limit(), "the llama3 profile's window");
        });
    }

    /** The "done when": only the dependency and tokenlab.model=llama3.1 give a working estimator bean. */
    @Test
    void llama31GivesAnEstimatorCountingAsTokenizersGetLlama3() {
        runner.withPropertyValues("tokenlab.model=llama3.1", "tokenlab.reserve=1000").run(context -> {
            TokenCountEstimator estimator = context.getBean(TokenCountEstimator.class);
            assertEquals(Tokenizers.get("llama3").count(TEXT), estimator.estimate(TEXT));
            assertEquals(2, estimator.estimate("Hello world"));
            TokenBudget budget = context.getBean(TokenBudget.class);
            assertEquals(131_072 - 1_000, budget.limit());
            assertEquals(130_070, budget.remaining("Hello world"));
        });
    }

    @Test
    void propertiesSizeTheSplitterTheBudgetAndMedia() {
        runner.withPropertyValues("tokenlab.model=cl100k_base", "tokenlab.context=4096", "tokenlab.reserve=96",
                "tokenlab.chunk-size=256", "tokenlab.chunk-overlap=16", "tokenlab.media-tokens=85").run(context -> {
            assertEquals("cl100k_base", context.getBean(Tokenizer.class).name());
            TokenlabTextSplitter splitter = context.getBean(TokenlabTextSplitter.class);
            assertEquals(256, splitter.maxTokens());
            assertEquals(16, splitter.overlapTokens());
            assertEquals(4_000, context.getBean(TokenBudget.class).limit());
            assertEquals(85, context.getBean(TokenlabTokenCountEstimator.class).tokensPerMedia());
            TokenlabProperties properties = context.getBean(TokenlabProperties.class);
            assertEquals(4_096, properties.getContext());
        });
    }

    /** A model file by a relative path, as an application.properties would give it: counts as the bundled llama3. */
    @Test
    void aModelFileByItsPath() {
        Path file = SharedData.require("models/llama3/tokenizer.model");
        String relative = Path.of("").toAbsolutePath().relativize(file).toString();
        assertTrue(relative.startsWith(".."), relative);
        runner.withPropertyValues("tokenlab.model=" + relative).run(context -> {
            assertEquals(LLAMA3.count(TEXT), context.getBean(TokenCountEstimator.class).estimate(TEXT));
            assertEquals(8_192, context.getBean(TokenBudget.class).limit(), "Meta's Llama 3 file, known to Tokenlab: its context length");
        });
        runner.withPropertyValues("tokenlab.model=" + SharedData.require("models/gguf/llama3.gguf")).run(context -> {
            assertEquals(LLAMA3.count(TEXT), context.getBean(TokenCountEstimator.class).estimate(TEXT));
            assertFalse(context.containsBean("tokenlabTokenBudget"), "a GGUF without a context length: no window known");
        });
        runner.withPropertyValues("tokenlab.model=" + SharedData.require("models/hf/mistral"), "tokenlab.context=32768").run(context -> {
            Tokenizer mistral = Tokenizers.open(SharedData.require("models/hf/mistral").toString());
            assertEquals(mistral.count(TEXT, SpecialTokens.asText()), context.getBean(TokenCountEstimator.class).estimate(TEXT));
            assertEquals(32_768, context.getBean(TokenBudget.class).limit());
        });
    }

    @Test
    void aBadModelNameStopsTheContextWithTokenlabsOneLineMessage() {
        runner.withPropertyValues("tokenlab.model=lama3").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertNotNull(failure);
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            TokenizerNotFoundException notFound = assertInstanceOf(TokenizerNotFoundException.class, root);
            assertTrue(notFound.getMessage().startsWith("unknown model \"lama3\"; did you mean llama3"), notFound.getMessage());
            assertFalse(notFound.getMessage().contains("\n"));
            assertTrue(failure.getMessage().contains(notFound.getMessage()), "Spring's message carries Tokenlab's: " + failure.getMessage());
        });
    }

    @Test
    void userBeansWin() {
        runner.withUserConfiguration(UserBeans.class).run(context -> {
            assertSame(context.getBean("userTokenizer"), context.getBean(Tokenizer.class));
            assertInstanceOf(JTokkitTokenCountEstimator.class, context.getBean(TokenCountEstimator.class));
            assertInstanceOf(TokenTextSplitter.class, context.getBean(TextSplitter.class));
            assertEquals(10, context.getBean(TokenBudget.class).limit());
            assertEquals(1, context.getBeansOfType(TokenCountEstimator.class).size());
            assertEquals(1, context.getBeansOfType(TextSplitter.class).size());
        });
    }

    /** A user's tokenizer is the one the estimator and the splitter count with. */
    @Test
    void aUserTokenizerIsUsedByTheOtherBeans() {
        runner.withUserConfiguration(UserTokenizer.class).run(context -> {
            assertEquals("o200k_base", context.getBean(TokenlabTokenCountEstimator.class).tokenizer().name());
            assertEquals(Tokenizers.get("o200k_base").count(TEXT), context.getBean(TokenCountEstimator.class).estimate(TEXT));
        });
    }

    /** Without Spring AI on the classpath the application still gets the tokenizer and the budget. */
    @Test
    void withoutSpringAiOnlyTheTokenizerAndTheBudget() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.ai")).run(context -> {
            assertEquals("llama3", context.getBean(Tokenizer.class).name());
            assertNotNull(context.getBean(TokenBudget.class));
            assertFalse(context.containsBean("tokenlabTokenCountEstimator"));
            assertFalse(context.containsBean("tokenlabTextSplitter"));
        });
    }

    /** The processor's metadata, for IDE completion of tokenlab.*, is generated into the jar's classes. */
    @Test
    void configurationMetadataIsGenerated() throws IOException {
        Path metadata = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
        assertNotNull(getClass().getClassLoader().getResource("META-INF/spring-configuration-metadata.json"));
        String json = Files.readString(metadata);
        for (String property : new String[] {"tokenlab.model", "tokenlab.context", "tokenlab.reserve", "tokenlab.chunk-size",
                "tokenlab.chunk-overlap", "tokenlab.media-tokens"}) {
            assertTrue(json.contains("\"name\": \"" + property + "\""), property);
        }
        assertTrue(json.contains("\"defaultValue\": \"llama3\""));
        String imports = Files.readString(Path.of("target", "classes", "META-INF", "spring",
                "org.springframework.boot.autoconfigure.AutoConfiguration.imports"));
        assertEquals(TokenlabAutoConfiguration.class.getName(), imports.strip());
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {
        @Bean
        Tokenizer userTokenizer() {
            return Tokenizers.get("cl100k_base");
        }

        @Bean
        TokenCountEstimator userEstimator() {
            return new JTokkitTokenCountEstimator();
        }

        @Bean
        TextSplitter userSplitter() {
            return new TokenTextSplitter();
        }

        @Bean
        TokenBudget userBudget(Tokenizer tokenizer) {
            return TokenBudget.of(tokenizer, 10);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserTokenizer {
        @Bean
        Tokenizer userTokenizer() {
            return Tokenizers.get("o200k_base");
        }
    }
}
