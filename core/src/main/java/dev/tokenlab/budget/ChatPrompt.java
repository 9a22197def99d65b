package dev.tokenlab.budget;

import java.util.List;

/**
 * A chat rendered into the exact ids a model is given, with what each message costs.
 *
 * @param ids           the prompt, ending with the header of the assistant's reply
 * @param messages      per message: its content tokens and the template's overhead around them
 * @param replyOverhead tokens the template adds after the last message to start the reply
 */
public record ChatPrompt(int[] ids, List<MessageCost> messages, int replyOverhead) {

    /**
     * What one message costs.
     *
     * @param role          the message's role
     * @param contentTokens tokens of the content alone
     * @param overhead      tokens the template adds for this message (headers, markers, BOS/EOS)
     */
    public record MessageCost(String role, int contentTokens, int overhead) {
        /**
         * What the message adds to the prompt: its content tokens plus the template's overhead for it. The
         * totals of all messages plus {@link ChatPrompt#replyOverhead()} make {@link ChatPrompt#tokenCount()},
         * which is what a chat memory subtracts from when it drops a message.
         *
         * @return {@code contentTokens + overhead}
         */
        public int total() {
            return contentTokens + overhead;
        }
    }

    /**
     * Total prompt tokens: the length of {@link #ids()}, the number a context window must hold.
     *
     * @return the number of ids in the prompt
     */
    public int tokenCount() {
        return ids.length;
    }
}
