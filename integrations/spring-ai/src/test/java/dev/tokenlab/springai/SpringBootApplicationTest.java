package dev.tokenlab.springai;

import dev.tokenlab.Tokenizers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.ai.transformer.splitter.TextSplitter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * A bad model name: the application fails to start, and Tokenlab's failure analyzer (registered for Boot in
     * {@code META-INF/spring.factories}) finds Tokenlab's one-line message in the failure and says what tokenlab.model takes.
     */
    @Test
    void aBadModelIsReportedByTheFailureAnalyzer() throws IOException {
        SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE).properties("tokenlab.model=lama3", "spring.main.banner-mode=off");
        Exception failure = assertThrows(Exception.class, application::run);
        FailureAnalysis analysis = new TokenizerFailureAnalyzer().analyze(failure);
        assertTrue(analysis.getDescription().startsWith("Tokenlab could not open its model: unknown model \"lama3\"; did you mean llama3"),
                analysis.getDescription());
        assertTrue(analysis.getAction().startsWith("Set tokenlab.model to a bundled tokenizer or model profile"), analysis.getAction());

        boolean registered = false;
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
            registered |= factories.getProperty(FailureAnalyzer.class.getName(), "").contains(TokenizerFailureAnalyzer.class.getName());
        }
        assertTrue(registered, "the analyzer is registered in a META-INF/spring.factories");
    }
}
