package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JSON route: the request object in, the answer out; refusals are {@link ApiException}s. */
@FunctionalInterface
interface Route {
    JsonNode answer(ObjectNode request);
}
