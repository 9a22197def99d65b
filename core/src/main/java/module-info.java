/**
 * Tokenlab core: exact, fast LLM tokenization in pure Java, with no dependencies.
 *
 * <p>What a library user needs is exported: {@code dev.tokenlab} (tokenizers, options, special-token
 * policies, spans, profiles, exceptions), {@code dev.tokenlab.budget} (context windows, truncation,
 * chunking, chat prompts), {@code dev.tokenlab.explain} (the teaching views) and {@code dev.tokenlab.spi}
 * (for people who add engines, model formats or name schemes). The engines and readers behind them
 * stay inside, free to change.
 *
 * <p>Core depends on nothing outside the JDK. It requires one JDK module besides {@code java.base}:
 * {@code java.net.http}, whose {@code HttpClient} the {@code hf:} scheme uses to download a model's
 * {@code tokenizer.json} from the Hugging Face Hub into the shared local cache when it is not there yet.
 * Writing HTTP by hand over sockets (redirects to a CDN, TLS, timeouts) would be more code to get wrong
 * than the JDK's client; the cost is only that a {@code jlink} image of an application using core also
 * carries {@code java.net.http}, which jlink adds by itself from this {@code requires}.
 */
module dev.tokenlab.core {
    exports dev.tokenlab;
    exports dev.tokenlab.budget;
    exports dev.tokenlab.explain;
    exports dev.tokenlab.spi;

    requires java.net.http;

    uses dev.tokenlab.spi.TokenizerProvider;
    uses dev.tokenlab.spi.ModelFormat;
    uses dev.tokenlab.spi.ModelScheme;

    provides dev.tokenlab.spi.TokenizerProvider with dev.tokenlab.catalog.CoreEngine;
    provides dev.tokenlab.spi.ModelFormat with
            dev.tokenlab.tiktoken.TiktokenRankFormat,
            dev.tokenlab.sentencepiece.SentencePieceFormat,
            dev.tokenlab.hf.TokenizerJsonFormat,
            dev.tokenlab.gguf.GgufFormat,
            dev.tokenlab.gguf.ollama.OllamaModelFormat;
    provides dev.tokenlab.spi.ModelScheme with dev.tokenlab.hf.hub.HubScheme, dev.tokenlab.gguf.ollama.OllamaScheme;
}
