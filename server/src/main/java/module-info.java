/**
 * Tokenlab server: {@code tokenlab serve}, a token-counting HTTP API for any language (with llama.cpp's and
 * vLLM's {@code /tokenize} shapes) and a playground page, on the JDK's {@code com.sun.net.httpserver}.
 *
 * <p>Only {@code dev.tokenlab.server} is exported, and in it only {@link dev.tokenlab.server.TokenlabServer}
 * and {@link dev.tokenlab.server.ServerConfig}; the routes, the JSON handling and the model cache are
 * package-private.
 */
module dev.tokenlab.server {
    requires dev.tokenlab.core;
    requires dev.tokenlab.templates;
    requires jdk.httpserver;
    requires com.fasterxml.jackson.databind;

    exports dev.tokenlab.server;
}
