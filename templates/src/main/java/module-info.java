/**
 * Tokenlab templates: a model's Jinja chat template rendered exactly as Python {@code transformers} renders it
 * (jinja2's semantics in an immutable sandbox), so that a chat prompt can be tokenized and counted exactly.
 *
 * <p>Only {@code dev.tokenlab.templates} is exported: {@link dev.tokenlab.templates.ModelChatTemplate} (a model's
 * own template with its tokenizer: render, encode, count, per-message accounting),
 * {@link dev.tokenlab.templates.ChatTemplate}, {@link dev.tokenlab.templates.RenderOptions} and
 * {@link dev.tokenlab.templates.TemplateException}. The lexer,
 * parser and interpreter behind them are package-private.
 */
module dev.tokenlab.templates {
    requires dev.tokenlab.core;

    exports dev.tokenlab.templates;
}
