package dev.tokenlab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a tokenizer is made of and what its model files say about the model: the format it was read
 * from, its pipeline stage by stage, and, where the files give them, the context length, the chat
 * templates and the names of the special tokens ({@code bos_token} → {@code <|begin_of_text|>}). For
 * people ({@code tokenlab models -m MODEL}) and for tools that budget or render chats for any model.
 *
 * <pre>{@code
 * TokenizerDescription d = Tokenizers.open("models/qwen3").describe();
 * d.format();          // "Hugging Face tokenizer.json"
 * d.stages().get(0);   // Stage[name=model, description=BPE, 151,643 tokens, 151,387 merges, byte-level]
 * d.contextLength();   // OptionalInt[131072]
 * d.chatTemplates().keySet();   // [default]
 * }</pre>
 *
 * @param format            the format or origin ({@code bundled}, {@code tiktoken rank file}, {@code Hugging Face tokenizer.json} …)
 * @param stages            the pipeline, in order
 * @param contextLength     the model's context length, when its files say it (what it was trained for)
 * @param servedContextLength the window the runtime serving the model gives it, when its files say it
 *                          (Ollama's {@code num_ctx} from the model's params); a prompt beyond it is truncated
 * @param chatTemplates     the model's chat templates by name ({@code default}, {@code tool_use} …), as the files hold them
 * @param specialTokenNames the roles of special tokens ({@code bos_token}, {@code eos_token} …) to their text
 * @param notes             anything a user should know (settings in the files that Tokenlab does not apply …)
 */
public record TokenizerDescription(String format, List<Stage> stages, OptionalInt contextLength, OptionalInt servedContextLength,
                                   Map<String, String> chatTemplates, Map<String, String> specialTokenNames, List<String> notes) {

    /** One stage of the pipeline: its name ({@code normalizer}, {@code pre-tokenizer}, {@code model} …) and what it does. */
    public record Stage(String name, String description) {
        public Stage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    public TokenizerDescription {
        Objects.requireNonNull(format, "format");
        stages = List.copyOf(stages);
        Objects.requireNonNull(contextLength, "contextLength");
        Objects.requireNonNull(servedContextLength, "servedContextLength");
        chatTemplates = Collections.unmodifiableMap(new LinkedHashMap<>(chatTemplates));
        specialTokenNames = Collections.unmodifiableMap(new LinkedHashMap<>(specialTokenNames));
        notes = List.copyOf(notes);
    }

    /** A description with a format and stages only. */
    public static TokenizerDescription of(String format, List<Stage> stages) {
        return new TokenizerDescription(format, stages, OptionalInt.empty(), OptionalInt.empty(), Map.of(), Map.of(), List.of());
    }
}
