package dev.tokenlab.cli.command;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.cli.Cli;
import dev.tokenlab.hf.HfModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code show --chat} and {@code compare --chat}: the tokens of the prompt each model's chat format makes, as chat makes it. */
class ChatPromptCommandsTest {
    private static final String CHAT = "[{\"role\":\"user\",\"content\":\"Hi <|eot_id|> 😀\"}]";

    @TempDir
    Path dir;

    @Test
    void showDrawsThePromptWithItsSpecialTokens() throws IOException {
        Path chat = Files.writeString(dir.resolve("c.json"), CHAT);
        String qwen = HfModels.folder("qwen3").toString();
        // The built-in llama3 format: content that looks like a special token stays ordinary tokens.
        // <|eot_id|> in content: ordinary text for Qwen3 (not its token) and for core's built-in llama3 format (content is
        // encoded as text); the highlighted specials are the ones each format writes.
        assertEquals(new Cli.Result(0, "llama3.1: 18 tokens (chat format llama3)\n"
                        + "<|begin_of_text|>|<|start_header_id|>|user|<|end_header_id|>|↵↵\n"
                        + "Hi|·<||e|ot|_id|||>|·😀|<|eot_id|>|<|start_header_id|>|assistant|<|end_header_id|>|↵↵\n"
                        + "\n"
                        + qwen + ": 16 tokens (chat format default) (-2 vs llama3.1)\n"
                        + "<|im_start|>|user|↵\n"
                        + "Hi|·<||e|ot|_id|||>|·😀|<|im_end|>|↵\n"
                        + "<|im_start|>|assistant|↵\n", ""),
                Cli.run("show", "--chat", chat.toString(), "-m", "llama3.1," + qwen, "--color", "never"));
        assertEquals(18, Cli.run("chat", "-m", "llama3.1", "--format", "ids", chat.toString()).out().strip().split(" ").length);
        // The same tokens as chat --format ids.
        String ids = Cli.run("chat", "-m", qwen, "--format", "ids", chat.toString()).out().strip();
        Cli.Result json = Cli.run("show", "--chat", chat.toString(), "-m", qwen, "--format", "json");
        assertEquals(0, json.exitCode());
        assertTrue(json.out().contains("\"chatFormat\":\"default\",\"prompt\":\"<|im_start|>user\\nHi <|eot_id|> 😀<|im_end|>\\n"
                + "<|im_start|>assistant\\n\""), json.out());
        Tokenizer t = Tokenizers.load(HfModels.folder("qwen3"));
        assertEquals(ids.split(" ").length, t.count("<|im_start|>user\nHi <|eot_id|> 😀<|im_end|>\n<|im_start|>assistant\n",
                SpecialTokens.allowAll()));
        assertEquals(new Cli.Result(2, "", "tokenlab: give TEXT/--file or --chat, not both\n"),
                Cli.run("show", "hi", "--chat", chat.toString(), "-m", qwen));
        Cli.Result none = Cli.run("show", "--chat", chat.toString(), "-m", "cl100k_base");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("tokenlab: model cl100k_base: cannot use chat template functions"), none.err());
    }

    @Test
    void compareCountsEachModelsPrompt() throws IOException {
        Path chat = Files.writeString(dir.resolve("c.json"), CHAT);
        String qwen = HfModels.folder("qwen3").toString();
        Cli.Result r = Cli.run("compare", "--chat", chat.toString(), "-m", "llama3.1," + qwen, "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\r\n");
        // tokens, then the characters, bytes and words of the message's text ("Hi <|eot_id|> 😀": 15, 18, 3).
        assertTrue(lines[1].startsWith("chat," + chat + ",,,llama3.1,llama3,18,15,18,3,"), lines[1]);
        assertTrue(lines[2].matches("chat," + java.util.regex.Pattern.quote(chat + ",,," + qwen + ",") + "[^,]*,16,15,18,3,.*"), lines[2]);
        assertEquals(new Cli.Result(2, "", "tokenlab: give INPUT/--file or --chat, not both\n"),
                Cli.run("compare", "hi", "--chat", chat.toString(), "-m", "llama3.1," + qwen));
    }

    @Test
    void theChatFlagsChooseTheTemplateForShowAndCompareToo() throws IOException {
        Path chat = Files.writeString(dir.resolve("c.json"), CHAT);
        Path template = Files.writeString(dir.resolve("t.jinja"),
                "{% for m in messages %}[{{ m.role }}] {{ m.content }}{% endfor %}{% if greeting %} {{ greeting }}{% endif %}");
        String qwen = HfModels.folder("qwen3").toString();
        Tokenizer t = Tokenizers.load(HfModels.folder("qwen3"));
        String prompt = "[user] Hi <|eot_id|> 😀 hello";
        Cli.Result json = Cli.run("show", "--chat", chat.toString(), "-m", qwen, "--template", template.toString(),
                "--var", "greeting=hello", "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"prompt\":\"" + prompt.replace("\"", "\\\"") + "\""), json.out());
        Cli.Result csv = Cli.run("compare", "--chat", chat.toString(), "-m", qwen + ",llama3", "--template", template.toString(),
                "--var", "greeting=hello", "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.err());
        assertTrue(csv.out().contains("," + qwen + ",") && csv.out().contains("," + t.count(prompt, SpecialTokens.allowAll()) + ",15,18,3,"),
                csv.out());
        assertTrue(csv.out().contains(",llama3,llama3," + Tokenizers.get("llama3").count(prompt, SpecialTokens.allowAll()) + ",15,18,3,"),
                csv.out());
        String withoutChat = "tokenlab: --template, --template-name, --tools, --var, --date and --no-generation-prompt go with --chat\n";
        assertEquals(new Cli.Result(2, "", withoutChat), Cli.run("show", "hi", "--var", "a=1"));
        assertEquals(new Cli.Result(2, "", withoutChat), Cli.run("compare", "hi", "-m", "llama3,llama2", "--template", template.toString()));
        assertEquals(new Cli.Result(2, "", "tokenlab: --tools, --var, --date and --no-generation-prompt are for a Jinja chat"
                        + " template; llama3.1 uses core's built-in llama3 format here\n"),
                Cli.run("show", "--chat", chat.toString(), "-m", "llama3.1", "--var", "a=1"));
    }
}
