package dev.tokenlab.cli.input;

import java.util.List;
import java.util.Map;

/**
 * A chat as a request carries it to a model's own (Jinja) chat template: the messages with every key they have
 * ({@code tool_calls}, {@code tool_call_id}, {@code name}, {@code content: null} …, since templates read them), and
 * the request's {@code tools}, {@code documents}, {@code add_generation_prompt} and {@code template_kwargs}, with
 * transformers' names. Values are plain Java: {@code Map} (keys in file order), {@code List}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean} and null — what the templates module takes.
 *
 * @param messages            the messages, each a map with at least a string {@code role}
 * @param tools               the {@code tools} list, or null when the request has none
 * @param documents           the {@code documents} list, or null when the request has none
 * @param addGenerationPrompt the request's {@code add_generation_prompt}, or null when it does not say
 * @param templateKwargs      {@code template_kwargs} (or vLLM's {@code chat_template_kwargs}): extra template variables
 */
public record ChatRequest(List<Map<String, Object>> messages, Object tools, Object documents, Boolean addGenerationPrompt,
                          Map<String, Object> templateKwargs) {
}
