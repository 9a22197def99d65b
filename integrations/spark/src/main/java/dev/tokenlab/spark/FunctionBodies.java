package dev.tokenlab.spark;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.budget.Chunk;
import dev.tokenlab.budget.TokenBudget;
import dev.tokenlab.explain.Words;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What each SQL function computes, row by row; null in any argument gives null. Special-token text is
 * counted as ordinary text, as {@code tokenlab count} and {@code tokenlab compare} count it.
 */
final class FunctionBodies {
    private FunctionBodies() {
    }

    static Integer count(String text, String model) {
        if (text == null || model == null) {
            return null;
        }
        return Models.tokenizer(model).count(text, SpecialTokens.asText());
    }

    static int[] encode(String text, String model) {
        if (text == null || model == null) {
            return null;
        }
        return Models.tokenizer(model).encode(text, SpecialTokens.asText());
    }

    static Boolean fits(String text, String model, Number limit) {
        if (text == null || model == null || limit == null) {
            return null;
        }
        return TokenBudget.of(Models.tokenizer(model), intArgument("tokenlab_fits", "limit", limit)).fits(text);
    }

    static String truncate(String text, String model, Number maxTokens) {
        if (text == null || model == null || maxTokens == null) {
            return null;
        }
        return TokenBudget.of(Models.tokenizer(model), 0)
                .truncate(text, intArgument("tokenlab_truncate", "n", maxTokens), TokenBudget.Keep.HEAD);
    }

    /** The chunks of {@code TokenBudget.chunk} as rows of {@link TokenlabFunctions#CHUNK}. */
    static List<Row> chunks(String text, String model, Number maxTokens, Number overlap) {
        if (text == null || model == null || maxTokens == null || overlap == null) {
            return null;
        }
        List<Chunk> chunks = TokenBudget.of(Models.tokenizer(model), 0)
                .chunk(text, intArgument("tokenlab_chunks", "max", maxTokens), intArgument("tokenlab_chunks", "overlap", overlap));
        List<Row> rows = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            rows.add(RowFactory.create(c.text(), c.charStart(), c.charEnd(), c.tokens()));
        }
        return rows;
    }

    static Integer words(String text) {
        return text == null ? null : Words.count(text).words();
    }

    /** A whole number that fits an int (a SQL literal is an int, a column may be a bigint), else one clear error. */
    private static int intArgument(String function, String name, Number value) {
        long n = value.longValue();
        if (value instanceof Float || value instanceof Double || value instanceof java.math.BigDecimal || n != (int) n) {
            throw new IllegalArgumentException(function + ": " + name + " must be a whole number up to " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) n;
    }
}
