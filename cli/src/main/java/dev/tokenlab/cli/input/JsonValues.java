package dev.tokenlab.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as plain Java values — {@code Map} (keys in file order), {@code List}, {@code String}, {@code Long}
 * (integers; one beyond {@code long} becomes a {@code Double}, as a float), {@code Double}, {@code Boolean} and
 * null — read strictly with Jackson's streaming parser (RFC 8259; duplicate keys are an error; Jackson's nesting
 * limit of 1,000 bounds the recursion). The values a chat template reads.
 */
public final class JsonValues {
    static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private JsonValues() {
    }

    /**
     * The one JSON value of {@code json}.
     *
     * @param source the file name, {@code stdin} or the option, for messages
     * @throws CliException (exit 1) for invalid JSON, with the line and column
     */
    public static Object parse(String json, String source) {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw CliException.error(source + ": no JSON value");
            }
            Object value = read(p);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw CliException.error(source + ": unexpected data after the JSON value (line " + at.getLineNr()
                        + ", column " + at.getColumnNr() + ")");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw invalid(source, e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, source + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** True when {@code json} is exactly one JSON value (for {@code --var KEY=VALUE}: JSON when it parses, else a string). */
    public static boolean isJson(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The value whose first token the parser is on; leaves the parser on its last token. */
    static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, read(p));
                }
                return Collections.unmodifiableMap(map);
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return Double.valueOf(p.getDoubleValue());
                }
                return Long.valueOf(p.getLongValue()); // not in one ?: with the Double, which would widen it to a double
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonProcessingException("unexpected " + t, p.currentTokenLocation()) {
                private static final long serialVersionUID = 1L;
            };
        }
    }

    /** One line for invalid JSON: the source, line and column, Jackson's reason. */
    static CliException invalid(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new CliException(ExitCodes.ERROR, source + ": invalid JSON" + where + ": " + ChatInput.plain(e.getOriginalMessage()), e);
    }
}
