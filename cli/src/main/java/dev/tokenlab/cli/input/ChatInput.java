package dev.tokenlab.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.tokenlab.budget.ChatMessage;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a chat from JSON, strictly (RFC 8259: no comments, trailing commas, single
 * quotes or duplicate keys; nothing after the value): an object with a {@code messages} array, as
 * the OpenAI and Ollama chat APIs and transformers take it, or a bare array. Two readings:
 * {@link #parse} for core's built-in formats (each message an object with string {@code role} and
 * {@code content}; other keys are ignored), and {@link #parseRequest} for a model's own Jinja template
 * (every key of every message kept, and the request's {@code tools}, {@code documents},
 * {@code add_generation_prompt} and {@code template_kwargs}).
 * Errors name the line and column, or the message by number.
 *
 * <pre>{@code
 * ChatInput.parse("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "chat.json");
 * // [ChatMessage[role=user, content=Hi]]
 * }</pre>
 *
 * <p>Parsed with Jackson's streaming parser ({@code jackson-core}, no other dependency).
 */
public final class ChatInput {
    /** The roles Meta's Llama 3 format knows ({@code tool} is written {@code ipython}). */
    static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool", "ipython");

    private static final JsonFactory JSON = JsonValues.JSON;

    private ChatInput() {
    }

    /**
     * The messages of {@code json}.
     *
     * @param source the file name or {@code stdin}, for messages
     * @throws CliException (exit 1) for invalid JSON (with line and column) or a malformed message (with its number)
     */
    public static List<ChatMessage> parse(String json, String source) {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken root = p.nextToken();
            List<ChatMessage> messages;
            if (root == JsonToken.START_ARRAY) {
                messages = messages(p, source);
            } else if (root == JsonToken.START_OBJECT) {
                messages = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken value = p.nextToken();
                    if (key.equals("messages")) {
                        if (value != JsonToken.START_ARRAY) {
                            throw error(source, p, "\"messages\" must be an array");
                        }
                        messages = messages(p, source);
                    } else {
                        p.skipChildren();
                    }
                }
                if (messages == null) {
                    throw CliException.error(source + ": no \"messages\" array in the JSON object");
                }
            } else if (root == null) {
                throw CliException.error(source + ": no JSON: expected an object with \"messages\", or an array of messages");
            } else {
                throw error(source, p, "expected an object with \"messages\", or an array of messages");
            }
            if (p.nextToken() != null) {
                throw error(source, p, "unexpected data after the JSON value");
            }
            return messages;
        } catch (JsonProcessingException e) {
            throw JsonValues.invalid(source, e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, source + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The request of {@code json} for a Jinja chat template: the messages with every key they carry, and
     * {@code tools}, {@code documents}, {@code add_generation_prompt}, {@code template_kwargs} (or vLLM's
     * {@code chat_template_kwargs}) when the object has them; other keys ({@code model}, {@code stream} …) are
     * ignored. Each message must be an object with a string {@code role}.
     *
     * @param source the file name or {@code stdin}, for messages
     * @throws CliException (exit 1) for invalid JSON (with line and column) or a malformed request
     */
    public static ChatRequest parseRequest(String json, String source) {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken root = p.nextToken();
            List<Map<String, Object>> messages = null;
            Object tools = null;
            Object documents = null;
            Boolean generation = null;
            Map<String, Object> kwargs = Map.of();
            if (root == JsonToken.START_ARRAY) {
                messages = rawMessages(p, source);
            } else if (root == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (key) {
                        case "messages" -> {
                            if (value != JsonToken.START_ARRAY) {
                                throw error(source, p, "\"messages\" must be an array");
                            }
                            messages = rawMessages(p, source);
                        }
                        case "tools", "documents" -> {
                            if (value != JsonToken.START_ARRAY && value != JsonToken.VALUE_NULL) {
                                throw error(source, p, "\"" + key + "\" must be an array, not " + describe(value));
                            }
                            if (key.equals("tools")) {
                                tools = JsonValues.read(p);
                            } else {
                                documents = JsonValues.read(p);
                            }
                        }
                        case "add_generation_prompt" -> {
                            if (!value.isBoolean()) {
                                throw error(source, p, "\"add_generation_prompt\" must be true or false, not " + describe(value));
                            }
                            generation = p.getBooleanValue();
                        }
                        case "template_kwargs", "chat_template_kwargs" -> {
                            if (value != JsonToken.START_OBJECT) {
                                throw error(source, p, "\"" + key + "\" must be an object, not " + describe(value));
                            }
                            @SuppressWarnings("unchecked")
                            Map<String, Object> read = (Map<String, Object>) JsonValues.read(p);
                            kwargs = read;
                        }
                        default -> p.skipChildren();
                    }
                }
                if (messages == null) {
                    throw CliException.error(source + ": no \"messages\" array in the JSON object");
                }
            } else if (root == null) {
                throw CliException.error(source + ": no JSON: expected an object with \"messages\", or an array of messages");
            } else {
                throw error(source, p, "expected an object with \"messages\", or an array of messages");
            }
            if (p.nextToken() != null) {
                throw error(source, p, "unexpected data after the JSON value");
            }
            return new ChatRequest(messages, tools, documents, generation, kwargs);
        } catch (JsonProcessingException e) {
            throw JsonValues.invalid(source, e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, source + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** The messages of the array whose start the parser is on, every key kept. */
    private static List<Map<String, Object>> rawMessages(JsonParser p, String source) throws IOException {
        List<Map<String, Object>> messages = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int number = messages.size() + 1;
            if (t != JsonToken.START_OBJECT) {
                throw error(source, p, "message " + number + " must be an object with a \"role\"");
            }
            int line = p.currentTokenLocation().getLineNr();
            @SuppressWarnings("unchecked")
            Map<String, Object> message = (Map<String, Object>) JsonValues.read(p);
            if (!(message.get("role") instanceof String)) {
                throw CliException.error(source + ": message " + number + " (line " + line + ") "
                        + (message.containsKey("role") ? "has a \"role\" that is not a string" : "has no \"role\""));
            }
            messages.add(message);
        }
        return messages;
    }

    /** The messages of the array whose start the parser is on. */
    private static List<ChatMessage> messages(JsonParser p, String source) throws IOException {
        List<ChatMessage> messages = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int number = messages.size() + 1;
            if (t != JsonToken.START_OBJECT) {
                throw error(source, p, "message " + number + " must be an object with \"role\" and \"content\"");
            }
            int line = p.currentTokenLocation().getLineNr();
            String role = null;
            String content = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals("role") || key.equals("content")) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw error(source, p, "message " + number + ": \"" + key + "\" must be a string, not " + describe(value));
                    }
                    if (key.equals("role")) {
                        role = p.getText();
                    } else {
                        content = p.getText();
                    }
                } else {
                    p.skipChildren();
                }
            }
            String where = "message " + number + " (line " + line + ")";
            if (role == null && content == null) {
                throw CliException.error(source + ": " + where + " has no \"role\" and no \"content\"");
            }
            if (role == null) {
                throw CliException.error(source + ": " + where + " has no \"role\"");
            }
            if (content == null) {
                throw CliException.error(source + ": " + where + " has no \"content\"");
            }
            if (!ROLES.contains(role)) {
                throw CliException.error(source + ": " + where + ": unknown role " + quoted(role)
                        + "; roles are system, user, assistant and tool (or ipython)");
            }
            messages.add(new ChatMessage(role, content));
        }
        return messages;
    }

    /** Jackson's message without its source description: {@code [Source: …; line: 1, column: 2]} becomes {@code line 1, column 2}. */
    public static String plain(String message) {
        return message == null ? "" : message.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
    }

    /** {@code value} as a JSON string, for a message: quotes, and Jackson's escapes inside. */
    private static String quoted(String value) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
    }

    private static CliException error(String source, JsonParser p, String message) {
        JsonLocation at = p.currentTokenLocation();
        return CliException.error(source + ": " + message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.toString();
        };
    }
}
