package dev.tokenlab.springai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.util.MimeTypeUtils;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenlabTokenCountEstimatorTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");
    private static final List<String> TEXTS = List.of("", "Hello world", "unhappiness",
            "Everyone has the right to life, liberty and security of person.", "吾輩は猫である。名前はまだ無い。",
            "emoji 👩‍👩‍👧 and  spaces\n\n\tand tabs", "<|eot_id|> and <|begin_of_text|> and <|endoftext|>");

    @Test
    void documentedExamples() {
        TokenlabTokenCountEstimator llama3 = TokenlabTokenCountEstimator.forModel("llama3.1");
        assertEquals("llama3", llama3.tokenizer().name());
        assertEquals(2, llama3.estimate("Hello world"));
        assertEquals(7, llama3.estimate("<|endoftext|>"));
        assertEquals(7, llama3.estimate("<|eot_id|>"));
        assertEquals(7, TokenlabTokenCountEstimator.forModel("cl100k_base").estimate("<|endoftext|>"));
        assertEquals(2, llama3.estimate(new UserMessage("Hello world")));
        assertEquals(2, llama3.estimate(List.of(new UserMessage("Hello"), new AssistantMessage("world"))));
        assertEquals(0, llama3.tokensPerMedia());
        assertEquals(85, new TokenlabTokenCountEstimator(Tokenizers.get("o200k_base"), 85).tokensPerMedia());
    }

    @Test
    void textCountsAreTokenlabsExactCounts() {
        TokenCountEstimator estimator = new TokenlabTokenCountEstimator(LLAMA3);
        for (String text : TEXTS) {
            assertEquals(LLAMA3.count(text, SpecialTokens.asText()), estimator.estimate(text), text);
            assertEquals(LLAMA3.encode(text, SpecialTokens.asText()).length, estimator.estimate(text), text);
        }
        assertEquals(0, estimator.estimate((String) null));
    }

    /** Spring AI's own estimator throws on special-token text; Tokenlab's counts it as text, as JTokkit's ordinary encoding does. */
    @Test
    void specialTokenTextIsTextWhereJTokkitsEstimatorThrows() {
        String text = "Documents end with <|endoftext|> in GPT training data.";
        JTokkitTokenCountEstimator jtokkit = new JTokkitTokenCountEstimator(EncodingType.CL100K_BASE);
        assertThrows(UnsupportedOperationException.class, () -> jtokkit.estimate(text));

        Encoding cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        TokenlabTokenCountEstimator tokenlab = TokenlabTokenCountEstimator.forModel("cl100k_base");
        assertEquals(cl100k.countTokensOrdinary(text), tokenlab.estimate(text));
        for (String t : TEXTS.subList(0, TEXTS.size() - 1)) {
            assertEquals(jtokkit.estimate(t), tokenlab.estimate(t), "the same counts as Spring AI's on ordinary text: " + t);
        }
    }

    @Test
    void specialTokenTextIsTextWhateverTheTokenizersPolicy() {
        Tokenizer allowing = Tokenizers.get("llama3", TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll()));
        assertEquals(1, allowing.count("<|eot_id|>"));
        assertEquals(7, new TokenlabTokenCountEstimator(allowing).estimate("<|eot_id|>"));
    }

    @Test
    void mediaCostTheirFixedCountBesidesTheText() {
        Media image = new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png"));
        UserMessage message = UserMessage.builder().text("What is this?").media(image, image).build();
        assertEquals(4, LLAMA3.count("What is this?"));
        assertEquals(4, new TokenlabTokenCountEstimator(LLAMA3).estimate(message), "text only by default");
        assertEquals(4 + 2 * 85, new TokenlabTokenCountEstimator(LLAMA3, 85).estimate(message));
        UserMessage one = UserMessage.builder().text("What is this?").media(image).build();
        assertEquals(4 + 85, new TokenlabTokenCountEstimator(Tokenizers.get("o200k_base"), 85).estimate(one));
        List<MediaContent> contents = List.of(message, new AssistantMessage("A cat."));
        assertEquals(4 + 2 * 100 + LLAMA3.count("A cat."), new TokenlabTokenCountEstimator(LLAMA3, 100).estimate(contents));
    }

    @Test
    void badArgumentsAreRefusedInOneLine() {
        assertEquals("tokensPerMedia must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> new TokenlabTokenCountEstimator(LLAMA3, -1)).getMessage());
        assertThrows(NullPointerException.class, () -> new TokenlabTokenCountEstimator(null));
    }
}
