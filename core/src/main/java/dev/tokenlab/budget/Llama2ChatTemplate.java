package dev.tokenlab.budget;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.internal.IntBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Llama 2's chat format, as Meta's {@code llama/generation.py} {@code chat_completion} builds it. An
 * optional first {@code system} message is folded into the first user message as
 * {@code <<SYS>>\n…\n<</SYS>>\n\n}; then each user/assistant pair is
 * {@code BOS "[INST] " user.strip() " [/INST] " answer.strip() " " EOS}, and the last user message is
 * {@code BOS "[INST] " user.strip() " [/INST]"}. Roles must be system?, user, assistant, user, …, user.
 */
final class Llama2ChatTemplate implements ChatTemplate {
    private static final String B_INST = "[INST]";
    private static final String E_INST = "[/INST]";
    private static final String B_SYS = "<<SYS>>\n";
    private static final String E_SYS = "\n<</SYS>>\n\n";

    @Override
    public String name() {
        return "llama2";
    }

    @Override
    public ChatPrompt render(Tokenizer tokenizer, List<ChatMessage> messages) {
        int bos = tokenizer.bosId().orElseThrow(() -> new TokenizerException(tokenizer.name() + " has no BOS token for the llama2 chat template"));
        int eos = tokenizer.eosId().orElseThrow(() -> new TokenizerException(tokenizer.name() + " has no EOS token for the llama2 chat template"));
        List<ChatMessage> dialog = new ArrayList<>(messages);
        List<ChatPrompt.MessageCost> costs = new ArrayList<>();
        String systemPrefix = "";
        if (!dialog.isEmpty() && dialog.get(0).role().equals("system")) {
            ChatMessage system = dialog.remove(0);
            systemPrefix = B_SYS + system.content() + E_SYS;
            costs.add(new ChatPrompt.MessageCost("system", tokenizer.count(system.content()), 0));
        }
        check(dialog);
        IntBuffer ids = new IntBuffer(64);
        for (int i = 0; i < dialog.size(); i += 2) {
            String user = (i == 0 ? systemPrefix : "") + dialog.get(i).content();
            boolean last = i + 1 >= dialog.size();
            String turn = last
                    ? B_INST + " " + user.strip() + " " + E_INST
                    : B_INST + " " + user.strip() + " " + E_INST + " " + dialog.get(i + 1).content().strip() + " ";
            int before = ids.size();
            ids.add(bos);
            for (int id : tokenizer.encode(turn)) {
                ids.add(id);
            }
            if (!last) {
                ids.add(eos);
            }
            int turnTokens = ids.size() - before;
            int userTokens = tokenizer.count(dialog.get(i).content());
            int answerTokens = last ? 0 : tokenizer.count(dialog.get(i + 1).content());
            int systemTokens = i == 0 && !costs.isEmpty() ? costs.get(0).contentTokens() : 0;
            int overhead = turnTokens - userTokens - answerTokens - systemTokens;
            costs.add(new ChatPrompt.MessageCost("user", userTokens, overhead));
            if (!last) {
                costs.add(new ChatPrompt.MessageCost("assistant", answerTokens, 0));
            }
        }
        return new ChatPrompt(ids.toArray(), List.copyOf(costs), 0);
    }

    private static void check(List<ChatMessage> dialog) {
        if (dialog.isEmpty()) {
            throw new IllegalArgumentException("a llama2 chat needs at least one user message");
        }
        for (int i = 0; i < dialog.size(); i++) {
            String expected = i % 2 == 0 ? "user" : "assistant";
            if (!dialog.get(i).role().equals(expected)) {
                throw new IllegalArgumentException("llama2 chats take roles system (optional), then user and assistant"
                        + " alternating; message " + (i + 1) + " is " + dialog.get(i).role() + ", expected " + expected);
            }
        }
        if (dialog.size() % 2 == 0) {
            throw new IllegalArgumentException("the last message of a llama2 chat must be from the user");
        }
    }
}
