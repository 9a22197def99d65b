package dev.tokenlab.budget;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.internal.IntBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Llama 3.x's chat format, exactly as Meta's {@code models/llama3/chat_format.py}
 * {@code encode_dialog_prompt} builds it:
 *
 * <pre>
 * &lt;|begin_of_text|&gt;
 * per message: &lt;|start_header_id|&gt; role &lt;|end_header_id|&gt; "\n\n" content &lt;|eot_id|&gt;
 * then:        &lt;|start_header_id|&gt; assistant &lt;|end_header_id|&gt; "\n\n"
 * </pre>
 *
 * The role {@code tool} is written {@code ipython}; content is encoded as it is (not trimmed), with
 * special-token text as ordinary text.
 */
final class Llama3ChatTemplate implements ChatTemplate {

    @Override
    public String name() {
        return "llama3";
    }

    @Override
    public ChatPrompt render(Tokenizer tokenizer, List<ChatMessage> messages) {
        Map<String, Integer> specials = tokenizer.specialTokens();
        int begin = special(specials, "<|begin_of_text|>", tokenizer);
        int eot = special(specials, "<|eot_id|>", tokenizer);
        IntBuffer ids = new IntBuffer(64);
        ids.add(begin);
        List<ChatPrompt.MessageCost> costs = new ArrayList<>();
        for (ChatMessage m : messages) {
            int before = ids.size();
            header(tokenizer, specials, m.role().equals("tool") ? "ipython" : m.role(), ids);
            int[] content = tokenizer.encode(m.content());
            for (int id : content) {
                ids.add(id);
            }
            ids.add(eot);
            int total = ids.size() - before + (costs.isEmpty() ? 1 : 0); // the first message carries <|begin_of_text|>
            costs.add(new ChatPrompt.MessageCost(m.role(), content.length, total - content.length));
        }
        int before = ids.size();
        header(tokenizer, specials, "assistant", ids);
        return new ChatPrompt(ids.toArray(), List.copyOf(costs), ids.size() - before + (messages.isEmpty() ? 1 : 0));
    }

    private static void header(Tokenizer tokenizer, Map<String, Integer> specials, String role, IntBuffer ids) {
        ids.add(special(specials, "<|start_header_id|>", tokenizer));
        for (int id : tokenizer.encode(role)) {
            ids.add(id);
        }
        ids.add(special(specials, "<|end_header_id|>", tokenizer));
        for (int id : tokenizer.encode("\n\n")) {
            ids.add(id);
        }
    }

    private static int special(Map<String, Integer> specials, String token, Tokenizer tokenizer) {
        Integer id = specials.get(token);
        if (id == null) {
            throw new TokenizerException("the llama3 chat template needs " + token + ", which " + tokenizer.name() + " does not have");
        }
        return id;
    }
}
