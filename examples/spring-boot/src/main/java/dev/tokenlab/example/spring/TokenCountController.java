package dev.tokenlab.example.spring;

import dev.tokenlab.budget.TokenBudget;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /tokens} with a prompt as the body ({@code text/plain}, so a form encoding cannot change it): its Llama 3.1 token count (Spring AI's {@link TokenCountEstimator},
 * here Tokenlab's), and whether it fits the model's context window ({@link TokenBudget}). Both beans come from
 * Tokenlab's auto-configuration.
 *
 * <pre>
 * curl -s localhost:8080/tokens -H "Content-Type: text/plain" --data-binary "Hello world"
 * {"tokens":2,"fits":true,"remaining":131070}
 * </pre>
 */
@RestController
public class TokenCountController {
    private final TokenCountEstimator estimator;
    private final TokenBudget budget;

    /** Takes the beans the auto-configuration made for {@code tokenlab.model}. */
    public TokenCountController(TokenCountEstimator estimator, TokenBudget budget) {
        this.estimator = estimator;
        this.budget = budget;
    }

    /**
     * The answer of {@code POST /tokens}.
     *
     * @param tokens    the prompt's token count
     * @param fits      whether the prompt fits the context window
     * @param remaining the tokens left in the window after the prompt (negative when it does not fit)
     */
    public record TokenCount(int tokens, boolean fits, long remaining) {
    }

    /** The prompt's count, whether it fits, and the tokens left in the window. */
    @PostMapping(path = "/tokens", consumes = MediaType.TEXT_PLAIN_VALUE)
    public TokenCount count(@RequestBody String prompt) {
        return new TokenCount(estimator.estimate(prompt), budget.fits(prompt), budget.remaining(prompt));
    }
}
