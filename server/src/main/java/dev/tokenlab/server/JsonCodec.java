package dev.tokenlab.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies to JSON trees and answers to bytes, with the limits a server exposed to any client needs:
 * strict UTF-8 (an invalid byte is a 400 naming its offset), nesting at most {@value #MAX_DEPTH} deep,
 * duplicate keys refused, nothing after the value, and numbers and strings no longer than the body cap.
 */
final class JsonCodec {
    /** Deeper than any request needs (a chat's tool schemas included), shallow enough for any stack. */
    static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(100).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonCodec() {
    }

    /** A new empty object for an answer. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The body as a JSON object.
     *
     * @throws ApiException 400 if it is not UTF-8, not JSON, too deep, or not an object
     */
    static ObjectNode readObject(byte[] body) {
        String text = decodeUtf8(body);
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("bad JSON: " + firstLine(e));
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("the request body is empty; send a JSON object");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object, not " + Fields.kind(node));
        }
        return (ObjectNode) node;
    }

    /** {@code node} as compact UTF-8 JSON. */
    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialize", e);
        }
    }

    /** The configured mapper, for tests that build request bodies the way answers are written. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String decodeUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the request body is not valid UTF-8 (byte " + in.position() + ")");
        }
    }

    /** Jackson's message without its source excerpt and location lines. */
    private static String firstLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            line += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return line;
    }
}
