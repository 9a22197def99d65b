package dev.tokenlab.springai;

import dev.tokenlab.Tokenizers;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.ai.transformer.splitter.TextSplitter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A whole Spring Boot application, started as {@code SpringApplication.run} starts one: the auto-configuration is
 * found through {@code META-INF/spring/…AutoConfiguration.imports}, not named by the test.
 */
class SpringBootApplicationTest {
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }

    @Test
    void onlyTheDependencyAndOneProperty() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE).properties("tokenlab.model=llama3.1", "spring.main.banner-mode=off").run()) {
            String text = "How many Llama 3 tokens is this prompt?";
            assertEquals(Tokenizers.get("llama3").count(text), context.getBean(TokenCountEstimator.class).estimate(text));
            assertInstanceOf(TokenlabTextSplitter.class, context.getBean(TextSplitter.class));
        }
    }
}
