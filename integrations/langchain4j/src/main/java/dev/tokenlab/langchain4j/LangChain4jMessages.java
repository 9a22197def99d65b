package dev.tokenlab.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * LangChain4j's chat messages as the {@code role}/{@code content} messages Tokenlab's chat formats (and
 * {@code tokenlab chat}) count. The rules:
 * <ul>
 * <li>{@link SystemMessage} → {@code system}, its text.</li>
 * <li>{@link UserMessage} → {@code user}: its text contents joined with {@code "\n"}; images, audio, video
 *     and PDFs are left out (the model's encoder, not its tokenizer, decides what they cost); the name is
 *     left out (Llama 3's format has none).</li>
 * <li>{@link AiMessage} → {@code assistant}: its text, then each tool execution request on a line of its
 *     own as {@code {"name": "NAME", "parameters": ARGUMENTS}}, as Llama 3.1's template writes a tool call;
 *     the thinking text is left out (it is not sent back to the model).</li>
 * <li>{@link ToolExecutionResultMessage} → {@code tool} (Llama 3 writes it {@code ipython}): its text
 *     contents joined with {@code "\n"}.</li>
 * <li>Any other message ({@code CustomMessage}) is not part of the prompt and is left out.</li>
 * </ul>
 *
 * <pre>{@code
 * LangChain4jMessages.toTokenlab(List.of(SystemMessage.from("Be brief."), UserMessage.from("Hi")));
 * // [ChatMessage[role=system, content=Be brief.], ChatMessage[role=user, content=Hi]]
 * }</pre>
 */
public final class LangChain4jMessages {
    private LangChain4jMessages() {
    }

    /**
     * The messages Tokenlab counts for {@code messages}, in order, leaving out those that are not part of
     * the prompt.
     *
     * <pre>{@code
     * ChatPrompt p = ChatTemplate.forName("llama3").render(Tokenizers.get("llama3"),
     *         LangChain4jMessages.toTokenlab(List.of(UserMessage.from("Hi"))));
     * p.tokenCount();   // 11, what tokenlab chat -m llama3 counts for [{"role":"user","content":"Hi"}]
     * }</pre>
     */
    public static List<dev.tokenlab.budget.ChatMessage> toTokenlab(Iterable<ChatMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        List<dev.tokenlab.budget.ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            toTokenlab(m).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The message Tokenlab counts for {@code message}, or empty if it is not part of the prompt.
     *
     * <pre>{@code
     * LangChain4jMessages.toTokenlab(ToolExecutionResultMessage.from("1", "time", "12:00"));
     * // Optional[ChatMessage[role=tool, content=12:00]]
     * }</pre>
     */
    public static Optional<dev.tokenlab.budget.ChatMessage> toTokenlab(ChatMessage message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof SystemMessage system) {
            return Optional.of(new dev.tokenlab.budget.ChatMessage("system", system.text()));
        }
        if (message instanceof UserMessage user) {
            return Optional.of(new dev.tokenlab.budget.ChatMessage("user", texts(user.contents())));
        }
        if (message instanceof AiMessage ai) {
            return Optional.of(new dev.tokenlab.budget.ChatMessage("assistant", assistantText(ai)));
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return Optional.of(new dev.tokenlab.budget.ChatMessage("tool", texts(result.contents())));
        }
        return Optional.empty();
    }

    private static String texts(List<Content> contents) {
        return contents.stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    private static String assistantText(AiMessage ai) {
        List<String> lines = new ArrayList<>();
        if (ai.text() != null) {
            lines.add(ai.text());
        }
        for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
            lines.add(toolCall(request));
        }
        return String.join("\n", lines);
    }

    private static String toolCall(ToolExecutionRequest request) {
        String arguments = request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
        return "{\"name\": \"" + request.name() + "\", \"parameters\": " + arguments + "}";
    }
}
