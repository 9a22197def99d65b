package dev.tokenlab.templates;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.ChatMessage;
import dev.tokenlab.budget.ChatTemplate;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared Llama 3 folder's own chat template (Hugging Face's, through {@link ModelChatTemplate}) against core's
 * built-in Llama 3 format ({@code budget.ChatTemplate "llama3"}, Meta's {@code ChatFormat.encode_dialog_prompt}, on
 * the bundled {@code llama3.1} tokenizer): the same ids on every dialog, but for three documented differences, each
 * asserted here with an example —
 * <ol>
 *   <li>the Hugging Face template trims each message's content ({@code message['content'] | trim}, Python's
 *       {@code str.strip()}); Meta's reference encodes it as is;</li>
 *   <li>special-token text in content ({@code <|eot_id|>} typed by a user) is matched as the special token when
 *       transformers tokenizes the rendered prompt; Meta's encoder writes the special ids itself and encodes content
 *       as ordinary text;</li>
 *   <li>the Hugging Face template writes the role as given; Meta's writes {@code tool} as {@code ipython}.</li>
 * </ol>
 */
class Llama3FormatsAgreeTest {
    private static final Set<String> ASCII_SPACE = Set.of(" ", "\t", "\n", "\r", "\u000b", "\u000c");

    private final ModelChatTemplate hf = ModelChatTemplate.of(Tokenizers.load(SharedData.require("models/hf/llama3")));
    private final Tokenizer meta = Tokenizers.get("llama3.1");
    private final ChatTemplate builtIn = ChatTemplate.forName("llama3");

    @Test
    void theSameIdsOnEveryDialogOnceContentIsTrimmed() throws IOException {
        Path testdata = SharedData.testdata();
        List<List<ChatMessage>> dialogs = new ArrayList<>();
        for (String file : List.of("dialogs.json", "heldout-dialogs.json")) {
            for (Object d : (List<?>) TestJson.object(Files.readString(testdata.resolve("chat").resolve(file))).get("dialogs")) {
                List<ChatMessage> dialog = new ArrayList<>();
                for (Object m : (List<?>) ((Map<?, ?>) d).get("messages")) {
                    Map<?, ?> message = (Map<?, ?>) m;
                    if (message.get("content") instanceof String content && !message.containsKey("tool_calls")
                            && Set.of("system", "user", "assistant").contains(message.get("role"))) {
                        dialog.add(new ChatMessage((String) message.get("role"), content));
                    }
                }
                dialogs.add(dialog);
            }
        }
        int same = 0;
        int trimmed = 0;
        for (List<ChatMessage> dialog : dialogs) {
            if (dialog.stream().anyMatch(m -> m.content().contains("<|") || !onlyAsciiSpaceAtTheEnds(m.content()))) {
                continue; // special-token text (difference 2), or whitespace Java and Python strip differently
            }
            int[] hfIds = hf.encode(maps(dialog), true, Map.of(), RenderOptions.defaults());
            List<ChatMessage> stripped = dialog.stream().map(m -> new ChatMessage(m.role(), pythonStrip(m.content()))).toList();
            assertArrayEquals(builtIn.render(meta, stripped).ids(), hfIds, dialog::toString);
            if (stripped.equals(dialog)) {
                assertArrayEquals(builtIn.render(meta, dialog).ids(), hfIds, dialog::toString);
                same++;
            } else {
                assertFalse(Arrays.equals(builtIn.render(meta, dialog).ids(), hfIds), dialog::toString);
                trimmed++;
            }
        }
        assertTrue(same >= 10 && trimmed >= 2, same + " dialogs the same as is, " + trimmed + " once trimmed");
    }

    @Test
    void difference1TheHuggingFaceTemplateTrimsContent() {
        List<ChatMessage> chat = List.of(new ChatMessage("user", "  Hi\n"));
        // <|begin_of_text|> <|start_header_id|> user <|end_header_id|> \n\n Hi <|eot_id|>, then the assistant's header
        assertArrayEquals(new int[] {128000, 128006, 882, 128007, 271, 13347, 128009, 128006, 78191, 128007, 271},
                hf.encode(maps(chat), true, Map.of(), RenderOptions.defaults()));
        // Meta's: "  Hi\n" as is: "  Hi\n" is 3 tokens here (" ", " Hi", "\n")
        assertArrayEquals(new int[] {128000, 128006, 882, 128007, 271, 220, 21694, 198, 128009, 128006, 78191, 128007, 271},
                builtIn.render(meta, chat).ids());
    }

    @Test
    void difference2SpecialTokenTextInContent() {
        List<ChatMessage> chat = List.of(new ChatMessage("user", "a<|eot_id|>"));
        int[] hfIds = hf.encode(maps(chat), false, Map.of(), RenderOptions.defaults());
        assertArrayEquals(new int[] {128000, 128006, 882, 128007, 271, 64, 128009, 128009}, hfIds);
        int[] metaIds = builtIn.render(meta, chat).ids();
        // Meta: "a<|eot_id|>" as text (7 tokens), then its one <|eot_id|>, then the assistant's header (its format always adds it).
        assertEquals(1, Arrays.stream(metaIds).filter(id -> id == 128009).count());
        assertArrayEquals(meta.encode("a<|eot_id|>"), Arrays.copyOfRange(metaIds, 5, 5 + meta.encode("a<|eot_id|>").length));
    }

    @Test
    void difference3TheToolRole() {
        List<ChatMessage> chat = List.of(new ChatMessage("tool", "{}"));
        String text = hf.render(maps(chat), true, Map.of(), RenderOptions.defaults());
        assertEquals("<|begin_of_text|><|start_header_id|>tool<|end_header_id|>\n\n{}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                text);
        assertEquals(meta.decode(builtIn.render(meta, chat).ids()), text.replace(">tool<", ">ipython<"));
    }

    private static List<Map<String, Object>> maps(List<ChatMessage> chat) {
        return chat.stream().map(m -> Map.<String, Object>of("role", m.role(), "content", m.content())).toList();
    }

    private static boolean onlyAsciiSpaceAtTheEnds(String s) {
        String stripped = pythonStrip(s);
        return stripped.equals(s.strip());
    }

    /** Python's str.strip() on ASCII whitespace (the only kind these dialogs carry at their ends, checked above). */
    private static String pythonStrip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && ASCII_SPACE.contains(String.valueOf(s.charAt(from)))) {
            from++;
        }
        while (to > from && ASCII_SPACE.contains(String.valueOf(s.charAt(to - 1)))) {
            to--;
        }
        return s.substring(from, to);
    }
}
