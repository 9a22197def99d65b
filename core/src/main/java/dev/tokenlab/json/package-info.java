/**
 * A small, strict JSON reader for the model files Tokenlab loads: Hugging Face
 * {@code tokenizer.json} now, GGUF and Ollama manifests later. Not public API: the loaders use it, and
 * it may change with them.
 *
 * <p>Why hand-written: core has no runtime dependencies, by design (a user who only needs
 * {@code count} pulls one small jar), so it cannot use Jackson or Gson; and the files are large
 * (Gemma 3's {@code tokenizer.json} is 33 MB), so the reader works on the UTF-8 bytes directly, with
 * a fast path for ASCII strings without escapes and no per-character boxing.
 *
 * <pre>{@code
 * JsonObject root = JsonReader.parseObject(Files.readAllBytes(file), "tokenizer.json");
 * JsonObject model = root.object("model");
 * String type = model.string("type");                     // "BPE"
 * boolean byteFallback = model.bool("byte_fallback", false);
 * Optional<String> unk = model.optionalString("unk_token"); // absent or null: empty
 * JsonArray merges = model.array("merges");
 * String left = merges.array(0).string(0);                 // "Ġ"
 * }</pre>
 *
 * <p>What it accepts is RFC 8259 and nothing more, the same as Rust's {@code serde_json}, which
 * writes and reads {@code tokenizer.json} for Hugging Face: one value with optional whitespace around
 * it; no comments, trailing commas, {@code NaN} or {@code Infinity}, leading zeros, unescaped control
 * characters, invalid UTF-8, lone surrogate escapes ({@code "\uD800"}) or byte order mark. Beyond the
 * RFC it also rejects duplicate keys in one object (which a loader would otherwise have to guess
 * about) and nesting deeper than a limit (512 unless chosen). The parse is iterative, so no input
 * overflows the stack, and linear in the input's length.
 *
 * <p>Every problem is a {@link dev.tokenlab.json.JsonException} (a
 * {@link dev.tokenlab.TokenizerFormatException}) with a one-line message. Syntax errors name the
 * line, column and byte offset; errors found by the typed accessors name the JSON path:
 * <pre>
 * tokenizer.json: line 3, column 17 (byte 52): expected ',' or '}' after an object member, found ']'
 * tokenizer.json: $.model.vocab.abc: expected an integer, found a string
 * </pre>
 */
package dev.tokenlab.json;
