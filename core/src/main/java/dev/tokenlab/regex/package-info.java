/**
 * Core's own regular-expression engine, for the split patterns of tokenizers (tiktoken's patterns and
 * the {@code Split}/{@code ByteLevel} pre-tokenizers of Hugging Face {@code tokenizer.json} files).
 * Internal: not exported by the module.
 *
 * <p>Why core has one instead of using {@code java.util.regex}:
 * <ul>
 * <li><b>Unicode 16.</b> The reference tokenizers classify characters with a recent Unicode (Rust's
 *     {@code regex} and Oniguruma); Java 17 knows Unicode 13. A letter added since (CJK Extension H
 *     U+31350…, Kawi U+11F00…, Garay U+10D40…) would be "not a letter" and the text would split, and
 *     tokenize, differently. Here every class comes from tables bundled in the jar
 *     ({@link dev.tokenlab.pretokenize.UnicodeCategories}, a case-folding table), so ids do not depend
 *     on the JVM.</li>
 * <li><b>Bounded time.</b> A tokenizer file is input: its pattern may be hostile, and so may the text.
 *     This engine backtracks in the order Perl, Oniguruma and Rust define (leftmost-first) but memoizes
 *     what it has tried, so it runs in time linear in the text for any pattern, never overflows the
 *     stack, and refuses what it cannot bound (see {@link dev.tokenlab.regex.Regex}).</li>
 * <li><b>Zero dependencies.</b> Core depends on nothing but the JDK; a binding to Oniguruma or a port of
 *     a Rust crate would break that.</li>
 * </ul>
 * It supports the subset such patterns use (see {@link dev.tokenlab.regex.Parser}) and refuses the rest
 * at compile time with one line naming the construct and its index.
 *
 * <p>Pieces: {@link dev.tokenlab.regex.Parser} (pattern → {@link dev.tokenlab.regex.Node}s, with
 * {@link dev.tokenlab.regex.UnicodeSets} and {@link dev.tokenlab.regex.CaseFolding} for the classes),
 * {@link dev.tokenlab.regex.Compiler} (nodes → {@link dev.tokenlab.regex.Program}),
 * {@link dev.tokenlab.regex.Searcher} (the memoized backtracking matcher, with
 * {@link dev.tokenlab.regex.Memo} and {@link dev.tokenlab.regex.ClassMatcher}); the public face is
 * {@link dev.tokenlab.regex.Regex} and {@link dev.tokenlab.regex.RegexPreTokenizer}.
 */
package dev.tokenlab.regex;
