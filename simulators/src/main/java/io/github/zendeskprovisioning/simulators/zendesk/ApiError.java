package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An answer other than success, with the body Zendesk sends for it. */
final class ApiError extends RuntimeException {
    private final int status;
    private final transient ObjectNode body;

    ApiError(int status, ObjectNode body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body.deepCopy();
    }

    /** The field the first error is about, or null. */
    String firstField() {
        var fields = body.path("details").fieldNames();
        return fields.hasNext() ? fields.next() : null;
    }

    /** First field error, as Zendesk's job results report it. */
    String firstErrorCode() {
        var details = body.path("details");
        var fields = details.fields();
        if (fields.hasNext()) {
            return fields.next().getValue().path(0).path("error").asText(body.path("error").asText());
        }
        return body.path("error").asText();
    }

    String firstErrorDescription() {
        var details = body.path("details");
        var fields = details.fields();
        if (fields.hasNext()) {
            return fields.next().getValue().path(0).path("description").asText();
        }
        return body.path("description").asText();
    }

    /** 422 {@code RecordInvalid} with one field error. */
    static ApiError recordInvalid(String field, String description, String error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", "RecordInvalid");
        body.put("description", "Record validation errors");
        ObjectNode item = body.putObject("details").putArray(field).addObject();
        item.put("description", description);
        item.put("error", error);
        return new ApiError(422, body);
    }

    static ApiError notFound() {
        return simple(404, "RecordNotFound", "Not found");
    }

    static ApiError invalidEndpoint() {
        return simple(404, "InvalidEndpoint", "Not found");
    }

    static ApiError badRequest(String error, String description) {
        return simple(400, error, description);
    }

    static ApiError bulkImportsOff() {
        return simple(403, "Forbidden", "You do not have access to this page. Bulk user imports are not enabled for this account.");
    }

    static ApiError simple(int status, String error, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("description", description);
        return new ApiError(status, body);
    }

    /** Zendesk's answer to missing or wrong credentials. */
    static ApiError unauthenticated() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", "Couldn't authenticate you");
        return new ApiError(401, body);
    }

    /** An OAuth access token that expired or was never issued. */
    static ApiError invalidToken() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", "invalid_token");
        body.put("error_description", "The access token provided is expired, revoked, malformed or invalid for other reasons.");
        return new ApiError(401, body);
    }
}
