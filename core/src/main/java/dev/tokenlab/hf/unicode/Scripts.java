package dev.tokenlab.hf.unicode;

import java.util.List;

/**
 * The Unicode 9.0 Script property, for the {@code UnicodeScripts} pre-tokenizer: the Rust library's table
 * ({@code pre_tokenizers/unicode_scripts/scripts.rs}, generated from SentencePiece's script map) holds Unicode
 * 9.0's {@code Scripts.txt}, and every code point it does not list (unassigned, private use, surrogates, and
 * everything added after 9.0) has no script: the Rust library's {@code Script::Any}, here {@link #ANY}.
 *
 * <p>Script ids are small integers ({@link #ANY} = 0, then the 137 scripts of 9.0 in name order, Common and
 * Inherited included); {@link #name} tells which. The Rust pre-tokenizer's own adjustments (Hiragana, Katakana
 * and U+30FC count as Han; U+0020 has no script) are {@code UnicodeScripts.script}'s, not this table's.
 *
 * <p>Data: {@code scripts-9.0.bin.gz}, 3.4 KB in the jar (about 50 KB of heap as shared 256-code-point blocks),
 * from the npm package {@code @unicode/unicode-9.0.0}, checked against ICU4J 58.2 for every code point by
 * {@code tools/GenerateHfUnicodeTables.java}. Read on first use in 1–5 ms on a cold JVM. Immutable and
 * thread-safe.
 */
public final class Scripts {
    /** No script: the Rust library's {@code Script::Any}. */
    public static final int ANY = 0;

    private static volatile Scripts instance;

    private final List<String> names;
    private final BlockTable table;

    private Scripts(TableReader in) {
        int n = in.u8();
        String[] all = new String[n + 1];
        all[0] = "Any";
        for (int i = 1; i <= n; i++) {
            all[i] = in.string();
            if (all[i].isEmpty() || (i > 1 && all[i].compareTo(all[i - 1]) <= 0)) {
                throw in.error("script names out of order at " + i);
            }
        }
        names = List.of(all);
        table = in.blockTable();
        if (table.maxValue() > n) {
            throw in.error("script id " + table.maxValue() + " of " + n);
        }
        in.end();
    }

    /** The Unicode 9.0 table (read on first call). */
    public static Scripts unicode9() {
        Scripts s = instance;
        if (s == null) {
            synchronized (Scripts.class) {
                s = instance;
                if (s == null) {
                    instance = s = new Scripts(TableReader.open("scripts-9.0.bin.gz", "TLSCR1", "9.0"));
                }
            }
        }
        return s;
    }

    static Scripts read(TableReader in) {
        return new Scripts(in);
    }

    /** The script id of a code point: {@link #ANY} when Unicode 9.0 gives it none. */
    public int script(int codePoint) {
        return table.get(codePoint);
    }

    /** The name of a script id, as Unicode spells it ({@code Latin}, {@code Old_Italic}; {@code Any} for 0). */
    public String name(int script) {
        return names.get(script);
    }

    /** The id of a script name, or -1. */
    public int id(String name) {
        return names.indexOf(name);
    }

    /** Number of scripts, {@link #ANY} not counted. */
    public int count() {
        return names.size() - 1;
    }
}
