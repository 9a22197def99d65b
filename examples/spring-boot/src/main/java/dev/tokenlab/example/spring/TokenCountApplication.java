package dev.tokenlab.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with Tokenlab from the dependency and {@code tokenlab.model=llama3.1} alone: no
 * configuration class of its own. {@code examples/spring-boot/run} builds and starts it.
 */
@SpringBootApplication
public class TokenCountApplication {
    /** Starts the application (port 8080 unless {@code --server.port} says otherwise). */
    public static void main(String[] args) {
        SpringApplication.run(TokenCountApplication.class, args);
    }
}
