package dev.tokenlab.cli.chat;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.ChatPrompt;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.ChatInput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat's prompt under a model's chat format, as tokens, for {@code show --chat} and {@code compare --chat}: the
 * format {@link ChatFormats} chooses (the model's own Jinja template, else its built-in format), with the request's
 * own settings. A Jinja prompt is tokenized as transformers does (special-token text matched); a built-in prompt is
 * its ids, with the text they decode to, so content that looks like a special token stays ordinary tokens.
 */
public final class ChatPromptTokens {
    /**
     * @param format the format used ({@code llama3}, {@code default} …)
     * @param text   the prompt text the spans' offsets index
     * @param spans  the prompt's tokens
     */
    public record Prompt(String format, String text, List<TokenSpan> spans) {
    }

    private ChatPromptTokens() {
    }

    /**
     * The prompt of the chat {@code json} for {@code tokenizer} (opened as {@code model}).
     *
     * @param source the chat file's name, for messages
     */
    public static Prompt of(Tokenizer tokenizer, String model, String json, String source) {
        return of(tokenizer, model, json, source, ChatChoice.none());
    }

    /**
     * As above, with the format and the flags the command line chose ({@code --template}, {@code --var} …).
     *
     * @throws CliException (usage) for flags only a Jinja template reads when the model's format is a built-in one
     */
    public static Prompt of(Tokenizer tokenizer, String model, String json, String source, ChatChoice choice) {
        ChatFormat format = ChatFormats.choose(tokenizer, model, choice.template(), choice.templateName());
        if (format instanceof ChatFormat.Jinja jinja) {
            String text = new JinjaChat(jinja, ChatInput.parseRequest(json, source), choice.settings(), source).text();
            return new Prompt(format.name(), text, tokenizer.tokenize(text, SpecialTokens.allowAll()));
        }
        ChatFormats.refuseJinjaFlags(model, format, choice.settings());
        ChatPrompt prompt;
        try {
            prompt = ((ChatFormat.BuiltIn) format).template().render(tokenizer, ChatInput.parse(json, source));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.ERROR, source + ": " + e.getMessage(), e);
        }
        return spans(format.name(), tokenizer, prompt.ids());
    }

    /** Spans for ids: each token's bytes, and the characters of the decoded prompt they fall in. */
    private static Prompt spans(String format, Tokenizer tokenizer, int[] ids) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int[] byteStart = new int[ids.length + 1];
        for (int i = 0; i < ids.length; i++) {
            byteStart[i] = all.size();
            all.writeBytes(tokenizer.tokenBytes(ids[i]));
        }
        byteStart[ids.length] = all.size();
        byte[] bytes = all.toByteArray();
        // charStart[b], charEnd[b]: the UTF-16 bounds of the character byte b belongs to (a split character: whole).
        int[] charStart = new int[bytes.length + 1];
        int[] charEnd = new int[bytes.length + 1];
        int chars = 0;
        for (int b = 0; b < bytes.length; ) {
            int lead = bytes[b] & 0xFF;
            int n = Math.min(lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1, bytes.length - b);
            int units = n == 4 ? 2 : 1;
            for (int k = 0; k < n; k++) {
                charStart[b + k] = chars;
                charEnd[b + k] = chars + units;
            }
            b += n;
            chars += units;
        }
        charStart[bytes.length] = chars;
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<TokenSpan> spans = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            int from = byteStart[i];
            int to = byteStart[i + 1];
            int end = to == from ? charStart[from] : charEnd[to - 1];
            spans.add(new TokenSpan(ids[i], tokenizer.tokenBytes(ids[i]), charStart[from], end, tokenizer.isSpecial(ids[i])));
        }
        return new Prompt(format, text, spans);
    }
}
