package dev.tokenlab.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * For a model's own Jinja template, {@link #toTransformers(ChatMessage)} gives the message in the shape
 * {@code transformers}' {@code apply_chat_template} takes, which templates read key by key.
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

    /**
     * The message as {@code transformers} (and a model's Jinja chat template) takes it, or empty if it is not
     * part of the prompt: {@code {"role", "content"}} with the texts as above; an {@link AiMessage}'s tool
     * execution requests as {@code "tool_calls": [{"id", "type": "function", "function": {"name",
     * "arguments"}}]} with the arguments as a JSON object (left a string when they are not JSON), its content
     * {@code ""} when it has no text; a {@link ToolExecutionResultMessage} with its {@code tool_call_id} and
     * {@code name}.
     *
     * <pre>{@code
     * LangChain4jMessages.toTransformers(ToolExecutionResultMessage.from("1", "time", "12:00"));
     * // Optional[{role=tool, content=12:00, tool_call_id=1, name=time}]
     * }</pre>
     */
    public static Optional<Map<String, Object>> toTransformers(ChatMessage message) {
        Optional<dev.tokenlab.budget.ChatMessage> plain = toTokenlab(message);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", plain.get().role());
        if (message instanceof AiMessage ai) {
            out.put("content", ai.text() == null ? "" : ai.text());
            if (ai.hasToolExecutionRequests()) {
                out.put("tool_calls", ai.toolExecutionRequests().stream().map(LangChain4jMessages::toolCallObject).toList());
            }
        } else {
            out.put("content", plain.get().content());
        }
        if (message instanceof ToolExecutionResultMessage result) {
            out.put("tool_call_id", result.id());
            out.put("name", result.toolName());
        }
        return Optional.of(out);
    }

    private static Map<String, Object> toolCallObject(ToolExecutionRequest request) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", request.name());
        function.put("arguments", arguments(request.arguments()));
        Map<String, Object> call = new LinkedHashMap<>();
        if (request.id() != null) {
            call.put("id", request.id());
        }
        call.put("type", "function");
        call.put("function", function);
        return call;
    }

    private static Object arguments(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return ARGUMENTS.readValue(json, Object.class);
        } catch (JacksonException notJson) {
            return json; // templates print a string argument as it is
        }
    }

    private static final ObjectMapper ARGUMENTS = new ObjectMapper();

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
