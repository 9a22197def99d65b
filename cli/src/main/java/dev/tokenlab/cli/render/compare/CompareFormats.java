package dev.tokenlab.cli.render.compare;

import dev.tokenlab.cli.render.DisplayWidth;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Numbers;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text formats of {@code tokenlab compare}: an aligned table, RFC 4180 CSV and JSON. All read a
 * {@link CompareReport}; none computes anything.
 */
public final class CompareFormats {
    /** The CSV header: stable names, one row per input and model. */
    public static final List<String> CSV_COLUMNS = List.of("kind", "input", "language", "language_name", "model", "tokenizer",
            "tokens", "characters", "bytes", "words", "spaceless_characters", "chars_per_token", "bytes_per_token",
            "words_per_token", "tokens_per_word", "byte_fallback", "unknown", "relative_to_first");

    private CompareFormats() {
    }

    // ---------------------------------------------------------------- table

    /** The aligned table: per model for one input, per input plus a total block for several. */
    public static String table(CompareReport r) {
        StringBuilder sb = new StringBuilder();
        if (r.rows().size() == 1) {
            CompareReport.Row row = r.rows().get(0);
            sb.append(row.source()).append(": ").append(sizes(row)).append('\n');
            sb.append(perModel(r, row));
            return sb.toString();
        }
        String first = r.models().get(0).model();
        List<String> header = new ArrayList<>(List.of("input", "language", "chars", "words"));
        r.models().forEach(m -> header.add(m.model()));
        for (int i = 1; i < r.models().size(); i++) {
            header.add(r.models().get(i).model() + "/" + first);
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(header.toArray(String[]::new));
        boolean spaceless = false;
        List<CompareReport.Row> all = new ArrayList<>(r.rows());
        all.add(r.total());
        for (CompareReport.Row row : all) {
            List<String> cells = new ArrayList<>();
            cells.add(row.source());
            cells.add(row.languageName().isEmpty() ? row.language() : row.languageName());
            cells.add(Long.toString(row.characters()));
            boolean star = row.words().spacelessCharacters() > 0;
            spaceless |= star;
            cells.add(row.words().words() + (star ? "*" : ""));
            for (int i = 0; i < r.models().size(); i++) {
                cells.add(Integer.toString(row.tokens(i)));
            }
            for (int i = 1; i < r.models().size(); i++) {
                cells.add(fixed(row.relative(i)));
            }
            lines.add(cells.toArray(String[]::new));
        }
        boolean[] right = new boolean[header.size()];
        for (int c = 2; c < right.length; c++) {
            right[c] = true;
        }
        sb.append(align(lines, right));
        if (spaceless) {
            sb.append("* includes characters of scripts written without spaces, counted one word each\n");
        }
        sb.append('\n').append("total: ").append(r.rows().size()).append(" inputs, ").append(sizes(r.total())).append('\n');
        sb.append(perModel(r, r.total()));
        return sb.toString();
    }

    private static String sizes(CompareReport.Row row) {
        String s = row.characters() + " characters, " + row.bytes() + " bytes, " + row.words().words() + " words";
        int spaceless = row.words().spacelessCharacters();
        if (spaceless > 0) {
            s += " (" + spaceless + " of them single characters of scripts written without spaces)";
        }
        return s;
    }

    private static String perModel(CompareReport r, CompareReport.Row row) {
        String first = r.models().get(0).model();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"model", "tokens", "chars/token", "bytes/token", "words/token", "tokens/word",
            "byte-fallback", "unknown", "vs " + first});
        for (int i = 0; i < r.models().size(); i++) {
            CompareReport.Result res = row.results().get(i);
            lines.add(new String[] {r.models().get(i).model(), Integer.toString(res.tokens()), fixed(row.charsPerToken(i)),
                fixed(row.bytesPerToken(i)), fixed(row.wordsPerToken(i)), fixed(row.tokensPerWord(i)),
                Integer.toString(res.byteFallback()), Integer.toString(res.unknown()), fixed(row.relative(i))});
        }
        boolean[] right = {false, true, true, true, true, true, true, true, true};
        return align(lines, right);
    }

    /** Two decimals, or "-" when undefined. */
    public static String fixed(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String align(List<String[]> lines, boolean[] right) {
        int[] w = new int[right.length];
        for (String[] l : lines) {
            for (int c = 0; c < l.length; c++) {
                w[c] = Math.max(w[c], DisplayWidth.of(l[c]));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < l.length; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(w[c] - DisplayWidth.of(l[c]));
                line.append(right[c] ? pad + l[c] : l[c] + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- csv

    /** RFC 4180: CRLF line ends, fields with a comma, quote or line break in double quotes, quotes doubled. */
    public static String csv(CompareReport r) {
        StringBuilder sb = new StringBuilder();
        csvLine(sb, CSV_COLUMNS);
        List<CompareReport.Row> all = new ArrayList<>(r.rows());
        all.add(r.total());
        for (CompareReport.Row row : all) {
            for (int i = 0; i < r.models().size(); i++) {
                CompareReport.Result res = row.results().get(i);
                csvLine(sb, List.of(row.kind(), row.source(), row.language(), row.languageName(), r.models().get(i).model(),
                        r.models().get(i).tokenizer().name(), Integer.toString(res.tokens()), Long.toString(row.characters()),
                        Long.toString(row.bytes()), Integer.toString(row.words().words()),
                        Integer.toString(row.words().spacelessCharacters()), number(row.charsPerToken(i)),
                        number(row.bytesPerToken(i)), number(row.wordsPerToken(i)), number(row.tokensPerWord(i)),
                        Integer.toString(res.byteFallback()), Integer.toString(res.unknown()), number(row.relative(i))));
            }
        }
        return sb.toString();
    }

    private static String number(Double d) {
        return d == null || d.isNaN() || d.isInfinite() ? "" : Numbers.decimal(d);
    }

    private static void csvLine(StringBuilder sb, List<String> fields) {
        for (int k = 0; k < fields.size(); k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append(csvField(fields.get(k)));
        }
        sb.append("\r\n");
    }

    public static String csvField(String f) {
        if (f.indexOf(',') < 0 && f.indexOf('"') < 0 && f.indexOf('\n') < 0 && f.indexOf('\r') < 0) {
            return f;
        }
        return '"' + f.replace("\"", "\"\"") + '"';
    }

    // ---------------------------------------------------------------- json

    /** One line of JSON, keys in the documented order. */
    public static String json(CompareReport r, String sort) {
        StringWriter sb = new StringWriter();
        JsonOutput json = new JsonOutput(sb).beginObject()
                .name("engine").value(r.engine())
                .name("models").beginArray();
        for (CompareReport.Model m : r.models()) {
            json.beginObject().name("model").value(m.model()).name("tokenizer").value(m.tokenizer().name()).endObject();
        }
        json.endArray()
                .name("sort").value(sort)
                .name("wordRule").value(CompareReport.WORD_RULE)
                .name("inputs").beginArray();
        for (CompareReport.Row row : r.rows()) {
            row(json, r, row);
        }
        json.endArray().name("total");
        row(json, r, r.total());
        json.name("skipped").beginArray();
        for (CompareReport.Skipped s : r.skipped()) {
            json.beginObject().name("model").value(s.model()).name("reason").value(s.reason()).endObject();
        }
        json.endArray().endObject();
        return sb.append('\n').toString();
    }

    private static void row(JsonOutput json, CompareReport r, CompareReport.Row row) {
        json.beginObject()
                .name("kind").value(row.kind())
                .name("source").value(row.source())
                .name("language").value(row.language())
                .name("languageName").value(row.languageName())
                .name("characters").value(row.characters())
                .name("bytes").value(row.bytes())
                .name("words").value(row.words().words())
                .name("spacelessCharacters").value(row.words().spacelessCharacters())
                .name("ratio").value(row.ratio())
                .name("results").beginArray();
        for (int i = 0; i < r.models().size(); i++) {
            CompareReport.Result res = row.results().get(i);
            json.beginObject()
                    .name("model").value(r.models().get(i).model())
                    .name("tokens").value(res.tokens())
                    .name("charsPerToken").value(row.charsPerToken(i))
                    .name("bytesPerToken").value(row.bytesPerToken(i))
                    .name("wordsPerToken").value(row.wordsPerToken(i))
                    .name("tokensPerWord").value(row.tokensPerWord(i))
                    .name("byteFallback").value(res.byteFallback())
                    .name("unknown").value(res.unknown())
                    .name("relative").value(row.relative(i))
                    .endObject();
        }
        json.endArray().endObject();
    }
}
