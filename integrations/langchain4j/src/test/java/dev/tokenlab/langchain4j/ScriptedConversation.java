package dev.tokenlab.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.List;

/** The chat memory tests' conversation: Botchan retold one sentence at a time, with a tool call now and then. */
final class ScriptedConversation {
    private ScriptedConversation() {
    }

    /**
     * A system message, then {@code n} sentences as user and assistant in turn; every tenth turn is an assistant's
     * tool call with its result (the sentence) instead.
     */
    static List<ChatMessage> of(int n) {
        List<ChatMessage> script = new ArrayList<>();
        script.add(SystemMessage.from("You retell Botchan, one sentence at a time."));
        List<String> sentences = CorpusSentences.botchan(n);
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (i % 10 == 9) {
                script.add(AiMessage.from(List.of(ToolExecutionRequest.builder().id("call" + i).name("lookup")
                        .arguments("{\"sentence\": " + i + "}").build())));
                script.add(ToolExecutionResultMessage.from("call" + i, "lookup", sentence));
            } else {
                script.add(i % 2 == 0 ? UserMessage.from(sentence) : AiMessage.from(sentence));
            }
        }
        return script;
    }
}
