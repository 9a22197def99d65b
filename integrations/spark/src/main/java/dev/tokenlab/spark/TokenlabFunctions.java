package dev.tokenlab.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

import static org.apache.spark.sql.functions.udf;

/**
 * Tokenlab's exact tokenizers as Spark SQL functions, registered in a session by one call:
 *
 * <pre>{@code
 * TokenlabFunctions.register(spark);
 * spark.sql("SELECT sum(tokenlab_count(text, 'llama3')) FROM docs");
 * docs.select(call_function("tokenlab_count", col("text"), lit("llama3")));
 * }</pre>
 *
 * or in every session, with {@code spark.sql.extensions=dev.tokenlab.spark.TokenlabExtensions}.
 *
 * <table>
 * <caption>The functions (a null argument gives null)</caption>
 * <tr><td>{@code tokenlab_count(text, model)}</td><td>int: the number of tokens</td></tr>
 * <tr><td>{@code tokenlab_encode(text, model)}</td><td>array&lt;int&gt;: the token ids</td></tr>
 * <tr><td>{@code tokenlab_fits(text, model, limit)}</td><td>boolean: at most {@code limit} tokens (stops encoding past it)</td></tr>
 * <tr><td>{@code tokenlab_truncate(text, model, n)}</td><td>string: the longest head that re-encodes to at most {@code n} tokens</td></tr>
 * <tr><td>{@code tokenlab_chunks(text, model, max, overlap)}</td><td>{@link #CHUNK array&lt;struct&lt;text, start, end, tokens&gt;&gt;}:
 * chunks of at most {@code max} tokens overlapping by about {@code overlap}, covering the text (for {@code explode})</td></tr>
 * <tr><td>{@code tokenlab_words(text)}</td><td>int: words by {@code tokenlab compare}'s rule</td></tr>
 * </table>
 *
 * <p>A model is a bundled name ({@code llama3}, {@code llama3.1}, {@code llama2}, {@code cl100k_base} …), a model
 * file every executor can read, the name of a file shipped with {@code --files}, or {@code hf:ORG/NAME} /
 * {@code ollama:NAME} resolved from each executor's own cache. Each executor opens each model once and shares it
 * across its tasks. Special-token text counts as ordinary text. An unknown model, or a file that is not a model,
 * fails the query with Tokenlab's one-line message (the cause of Spark's exception).
 */
public final class TokenlabFunctions {
    /** The element type of {@code tokenlab_chunks}: the chunk's text, its character offsets in the text (UTF-16, end exclusive) and its token count. */
    public static final StructType CHUNK = new StructType()
            .add("text", DataTypes.StringType, false)
            .add("start", DataTypes.IntegerType, false)
            .add("end", DataTypes.IntegerType, false)
            .add("tokens", DataTypes.IntegerType, false);

    /** One function: its SQL name, its arguments as {@code DESCRIBE FUNCTION} shows them, and the UDF. */
    record Definition(String name, String arguments, String usage, UserDefinedFunction udf) {
        int arity() {
            return arguments.split(",").length;
        }
    }

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition("tokenlab_count", "text, model", "the number of tokens of text by the model",
                    udf((UDF2<String, String, Integer>) FunctionBodies::count, DataTypes.IntegerType)),
            new Definition("tokenlab_encode", "text, model", "the token ids of text by the model",
                    udf((UDF2<String, String, int[]>) FunctionBodies::encode, DataTypes.createArrayType(DataTypes.IntegerType, false))),
            new Definition("tokenlab_fits", "text, model, limit", "whether text takes at most limit tokens",
                    udf((UDF3<String, String, Number, Boolean>) FunctionBodies::fits, DataTypes.BooleanType)),
            new Definition("tokenlab_truncate", "text, model, n", "the longest head of text that re-encodes to at most n tokens",
                    udf((UDF3<String, String, Number, String>) FunctionBodies::truncate, DataTypes.StringType)),
            new Definition("tokenlab_chunks", "text, model, max, overlap",
                    "chunks of at most max tokens overlapping by about overlap tokens, covering text: array<struct<text,start,end,tokens>>",
                    udf((UDF4<String, String, Number, Number, List<org.apache.spark.sql.Row>>) FunctionBodies::chunks,
                            DataTypes.createArrayType(CHUNK, false))),
            new Definition("tokenlab_words", "text", "the number of words of text, by tokenlab compare's rule",
                    udf((UDF1<String, Integer>) FunctionBodies::words, DataTypes.IntegerType)));

    private TokenlabFunctions() {
    }

    /** The SQL names of the functions, in the order of the table above. */
    public static List<String> names() {
        return DEFINITIONS.stream().map(Definition::name).toList();
    }

    /**
     * Registers the functions in {@code spark} (as temporary functions of the session, as
     * {@code spark.udf().register} does).
     */
    public static void register(SparkSession spark) {
        for (Definition d : DEFINITIONS) {
            spark.udf().register(d.name(), d.udf());
        }
    }

    static List<Definition> definitions() {
        return DEFINITIONS;
    }
}
