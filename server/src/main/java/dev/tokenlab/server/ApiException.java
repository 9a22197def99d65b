package dev.tokenlab.server;

/**
 * A request the server refuses, with the HTTP status and the one line the client sees in
 * {@code {"error":{"status":…,"message":…}}}.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
