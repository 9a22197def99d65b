/**
 * Tokenlab core: exact, fast LLM tokenization in pure Java, with no dependencies.
 *
 * <p>What a library user needs is exported: {@code dev.tokenlab} (tokenizers, options, special-token
 * policies, spans, profiles, exceptions), {@code dev.tokenlab.budget} (context windows, truncation,
 * chunking, chat prompts), {@code dev.tokenlab.explain} (the teaching views) and {@code dev.tokenlab.spi}
 * (for people who add engines, model formats or name schemes). The engines and readers behind them
 * stay inside, free to change.
 */
module dev.tokenlab.core {
    exports dev.tokenlab;
    exports dev.tokenlab.budget;
    exports dev.tokenlab.explain;
    exports dev.tokenlab.spi;

    uses dev.tokenlab.spi.TokenizerProvider;
    uses dev.tokenlab.spi.ModelFormat;
    uses dev.tokenlab.spi.ModelScheme;

    provides dev.tokenlab.spi.TokenizerProvider with dev.tokenlab.catalog.CoreEngine;
    provides dev.tokenlab.spi.ModelFormat with
            dev.tokenlab.tiktoken.TiktokenRankFormat,
            dev.tokenlab.sentencepiece.SentencePieceFormat;
}
