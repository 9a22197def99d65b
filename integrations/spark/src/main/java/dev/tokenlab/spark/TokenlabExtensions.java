package dev.tokenlab.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Tuple3;
import scala.collection.Iterator;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokenlab's SQL functions ({@link TokenlabFunctions}) in every session of an application, without code:
 *
 * <pre>
 * spark-submit --jars tokenlab-spark-all.jar --conf spark.sql.extensions=dev.tokenlab.spark.TokenlabExtensions …
 * spark-sql --jars tokenlab-spark-all.jar --conf spark.sql.extensions=dev.tokenlab.spark.TokenlabExtensions
 * </pre>
 *
 * Each function is injected into the session's function registry ({@link SparkSessionExtensions#injectFunction})
 * as the same UDF expression {@link TokenlabFunctions#register} registers, so both ways compute the same.
 */
public final class TokenlabExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    /** Spark creates the extension by this constructor. */
    public TokenlabExtensions() {
    }

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        for (TokenlabFunctions.Definition d : TokenlabFunctions.definitions()) {
            ExpressionInfo info = new ExpressionInfo(TokenlabFunctions.class.getName(), null, d.name(),
                    d.name() + "(" + d.arguments() + ") - " + d.usage(), "", "", "", "", "", "", "java_udf");
            extensions.injectFunction(new Tuple3<>(new FunctionIdentifier(d.name()), info, new Builder(d)));
        }
        return BoxedUnit.UNIT;
    }

    /** Builds a function's expression from its argument expressions, checking their number. */
    private static final class Builder extends AbstractFunction1<Seq<Expression>, Expression> {
        private final TokenlabFunctions.Definition definition;

        Builder(TokenlabFunctions.Definition definition) {
            this.definition = definition;
        }

        @Override
        public Expression apply(Seq<Expression> children) {
            List<Column> arguments = new ArrayList<>();
            for (Iterator<Expression> it = children.iterator(); it.hasNext(); ) {
                arguments.add(new Column(it.next()));
            }
            if (arguments.size() != definition.arity()) {
                throw new IllegalArgumentException(definition.name() + " takes " + definition.arity() + " arguments ("
                        + definition.arguments() + "), not " + arguments.size());
            }
            return definition.udf().withName(definition.name()).apply(arguments.toArray(new Column[0])).expr();
        }
    }
}
