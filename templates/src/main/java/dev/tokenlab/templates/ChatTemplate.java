package dev.tokenlab.templates;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A Jinja chat template, parsed once and rendered as Python {@code transformers} renders it: jinja2 3.1 in an
 * {@code ImmutableSandboxedEnvironment} with {@code trim_blocks}, {@code lstrip_blocks}, loop controls, the
 * {@code {% generation %}} tag, {@code tojson} as {@code json.dumps(..., ensure_ascii=False)},
 * {@code raise_exception} and {@code strftime_now}. Values keep Python's semantics: {@code None},
 * {@code True} and {@code [1, 2]} print as Python prints them, {@code .strip()}, {@code .split()} and slices
 * work on code points, an undefined name prints as nothing.
 *
 * <p>Why a hand-written interpreter: chat templates come from downloaded files and must render exactly; a
 * general Java engine (Jinjava) parses a different dialect and prints Java values. This one implements the
 * subset chat templates use, with no access to Java objects: variables are converted to Python-like values
 * ({@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code Boolean}, {@code null}, {@code List},
 * {@code Map}) and only their whitelisted methods are reachable.
 * <p>A parsed template is immutable and may be rendered from several threads at once.
 *
 * <p>Not supported (each fails with a {@link TemplateException}, never silently): {@code include}, {@code import},
 * {@code extends} and {@code block} (transformers gives jinja2 no loader either), recursive loops,
 * {@code *args}/{@code **kwargs} in calls, integers beyond 64 bits, calling {@code cycler} or {@code lipsum}, and the
 * filters chat templates do not use ({@code pprint}, {@code random}, {@code groupby}, {@code slice},
 * {@code truncate}, {@code wordwrap}, {@code urlize}, {@code urlencode}, {@code xmlattr}, {@code striptags},
 * {@code filesizeformat}, {@code forceescape}). Printed directly, a generator ({@code xs|select}) shows as
 * {@code <generator object>}, where Python adds its name and an address.
 * <pre>
 * ChatTemplate t = ChatTemplate.parse("{% for m in messages %}&lt;{{ m.role }}&gt;{{ m.content | trim }}{% endfor %}");
 * t.render(Map.of("messages", List.of(Map.of("role", "user", "content", " Hi "))));   // "&lt;user&gt;Hi"
 * </pre>
 */
public final class ChatTemplate {
    private final String source;
    private final List<Node> body;

    private ChatTemplate(String source, List<Node> body) {
        this.source = source;
        this.body = body;
    }

    /**
     * Parses a template.
     *
     * @throws TemplateException of kind {@code TemplateSyntaxError} with the line and column of the problem
     */
    public static ChatTemplate parse(String source) {
        String normalized = TemplateLexer.normalize(source);
        try {
            return new ChatTemplate(normalized, TemplateParser.parse(normalized));
        } catch (StackOverflowError e) {
            throw new TemplateException("LimitExceeded", "the template nests too deeply to parse", 0, 0);
        }
    }

    /** Renders with {@link RenderOptions#defaults()}; see {@link #render(Map, RenderOptions)}. */
    public String render(Map<String, ?> variables) {
        return render(variables, RenderOptions.defaults());
    }

    /**
     * Renders the template with these variables (Java values as described in the class comment; nested lists and
     * maps are copied, so the template cannot change them).
     *
     * @throws TemplateException when the template refuses ({@code raise_exception}), fails as jinja2 would, or
     *                           exceeds a bound of {@code options}
     * @throws IllegalArgumentException if a variable holds a value of another Java type
     */
    public String render(Map<String, ?> variables, RenderOptions options) {
        Scope globals = new Scope(null);
        Globals.install(globals);
        Scope scope = new Scope(globals);
        for (Map.Entry<String, ?> e : variables.entrySet()) {
            scope.set(e.getKey(), PyValues.fromJava(e.getValue(), 0));
        }
        LocalDateTime now = options.now() != null ? options.now() : LocalDateTime.now();
        Renderer renderer = new Renderer(source, options, now);
        try {
            return renderer.render(body, scope);
        } catch (PyError e) {
            throw renderer.located(e, 0);
        } catch (StackOverflowError e) {
            throw new TemplateException("LimitExceeded", "the template recursed too deeply", 0, 0);
        }
    }
}
