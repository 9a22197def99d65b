package dev.tokenlab.catalog;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerInfo;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.sentencepiece.SentencePieceEncodings;
import dev.tokenlab.sentencepiece.SentencePieceSpec;
import dev.tokenlab.tiktoken.TiktokenEncodings;
import dev.tokenlab.tiktoken.TiktokenSpec;
import dev.tokenlab.spi.TokenizerProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * Core's own engine ({@code core}): the tokenizers it builds by name, as data, in the order people
 * see them — the bundled vocabularies first (Llama 3, Llama 2), then the OpenAI encodings. Each is
 * built at its first use and shared (see {@link TiktokenEncodings#tokenizer}); options give a view
 * that shares the vocabulary.
 */
public final class CoreEngine implements TokenizerProvider {
    private static final List<TokenizerInfo> MODELS = models(false);

    @Override
    public String engine() {
        return TokenizerOptions.CORE_ENGINE;
    }

    @Override
    public String description() {
        return "Tokenlab core (pure Java)";
    }

    @Override
    public List<String> names() {
        return MODELS.stream().map(TokenizerInfo::name).toList();
    }

    /** Every tokenizer this engine names, with whether it can be built here (OpenAI's need JTokkit's jar). */
    @Override
    public List<TokenizerInfo> models() {
        return models(true);
    }

    @Override
    public Tokenizer open(String name, TokenizerOptions options) {
        for (TiktokenSpec s : TiktokenEncodings.ALL) {
            if (s.name().equals(name)) {
                return TiktokenEncodings.tokenizer(s).withOptions(options);
            }
        }
        for (SentencePieceSpec s : SentencePieceEncodings.ALL) {
            if (s.name().equals(name)) {
                return SentencePieceEncodings.tokenizer(s).withOptions(options);
            }
        }
        throw new TokenizerNotFoundException("model", name, List.of());
    }

    private static List<TokenizerInfo> models(boolean checkAvailable) {
        List<TokenizerInfo> infos = new ArrayList<>();
        for (TiktokenSpec s : TiktokenEncodings.ALL) {
            infos.add(new TokenizerInfo(s.name(), s.family(), s.vocabularySize(), s.source(),
                    !checkAvailable || TiktokenEncodings.isAvailable(s)));
        }
        int afterLlama3 = 1;
        for (SentencePieceSpec s : SentencePieceEncodings.ALL) {
            infos.add(afterLlama3++, new TokenizerInfo(s.name(), s.family(), s.vocabularySize(), s.source(), true));
        }
        return List.copyOf(infos);
    }
}
