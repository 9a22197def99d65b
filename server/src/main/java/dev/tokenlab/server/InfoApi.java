package dev.tokenlab.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenlab.ModelProfile;
import dev.tokenlab.ModelProfiles;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerInfo;
import dev.tokenlab.Tokenizers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The GET routes: the models, the health check, the OpenAPI document and the playground page (resources of the jar). */
final class InfoApi {
    private final Models models;
    private final String defaultModel;

    InfoApi(Models models, String defaultModel) {
        this.models = models;
        this.defaultModel = defaultModel;
    }

    /** {@code GET /v1/models}: the models loaded at start, core's named tokenizers, and the profiles with their windows. */
    ApiHandler.Response models() {
        ObjectNode answer = JsonCodec.object().put("default", defaultModel);
        ArrayNode loaded = answer.putArray("loaded");
        for (String name : models.preloaded()) {
            Tokenizer t = models.open(name, false);
            ObjectNode m = loaded.addObject().put("name", name).put("tokenizer", t.name()).put("vocabulary_size", t.vocabularySize());
            models.contextWindow(name, t).ifPresent(w -> m.put("context_window", w));
        }
        ArrayNode tokenizers = answer.putArray("tokenizers");
        for (TokenizerInfo info : Tokenizers.available()) {
            tokenizers.addObject().put("name", info.name()).put("family", info.family())
                    .put("vocabulary_size", info.vocabularySize()).put("available", info.available());
        }
        ArrayNode profiles = answer.putArray("profiles");
        for (ModelProfile p : ModelProfiles.all()) {
            profiles.addObject().put("name", p.name()).put("tokenizer", p.tokenizer()).put("context_window", p.contextWindow())
                    .put("chat_template", p.chatTemplate());
        }
        return ApiHandler.Response.json(answer);
    }

    static ApiHandler.Response health() {
        return ApiHandler.Response.json(JsonCodec.object().put("status", "ok"));
    }

    /** A resource of this package, read once. */
    static ApiHandler.Response resource(String name, String contentType) {
        try (InputStream in = InfoApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return new ApiHandler.Response(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
