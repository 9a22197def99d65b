/**
 * Chat templates rendered exactly as Python {@code transformers} renders them: {@link dev.tokenlab.templates.ChatTemplate}
 * parses a model's Jinja {@code chat_template} once and renders it with jinja2 3.1's semantics in an immutable sandbox;
 * {@link dev.tokenlab.templates.RenderOptions} fixes the clock and the sandbox's bounds;
 * {@link dev.tokenlab.templates.TemplateException} is every failure, in one line.
 *
 * <p>Inside (package-private): {@code TemplateLexer} (tokens, whitespace control, trim_blocks and lstrip_blocks),
 * {@code TemplateParser} (jinja2's grammar into {@code Node} and {@code Expr} records), {@code Renderer} (scopes,
 * statements, expressions, the sandbox's attribute rules), and Python's semantics of values in {@code PyValues},
 * {@code PyStrings}, {@code Methods}, {@code Filters}, {@code Tests}, {@code Json} ({@code tojson}),
 * {@code PercentFormat} and {@code Strftime}.
 */
package dev.tokenlab.templates;
