package io.github.zendeskprovisioning.simulators.graph;

import java.util.Map;

/** An answer in Graph's error envelope: the HTTP status, Graph's error code and message, extra headers. */
final class GraphError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    GraphError(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    GraphError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    static GraphError badRequest(String message) {
        return new GraphError(400, "Request_BadRequest", message);
    }

    static GraphError notFound(String id) {
        return new GraphError(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
