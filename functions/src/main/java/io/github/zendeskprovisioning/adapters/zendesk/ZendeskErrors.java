package io.github.zendeskprovisioning.adapters.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.engine.target.ZendeskError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns Zendesk's error answers into {@link ZendeskError}s an admin can act on. Zendesk's bodies never
 * carry our credentials, and nothing from the request (headers, body) is copied in.
 */
final class ZendeskErrors {
    private final ObjectMapper mapper;

    ZendeskErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ZendeskError fromResponse(int status, String body, long retryAfterSeconds) {
        JsonNode json = parse(body);
        String code = code(json);
        List<String> details = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        JsonNode detailNode = json.path("details");
        if (detailNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = detailNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                for (JsonNode item : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
                    String text = item.isTextual() ? item.asText() : item.path("description").asText(item.toString());
                    String error = item.path("error").asText("");
                    sentences.add(text);
                    details.add(field.getKey() + ": " + text + (error.isEmpty() ? "" : " (" + error + ")"));
                }
            }
        }
        String description = sentences.isEmpty() ? describe(status, json, retryAfterSeconds) : String.join("; ", sentences);
        if (status == 401) {
            code = "Unauthorized";
            description = "Zendesk refused the credentials (HTTP 401: " + describe(status, json, 0)
                    + "); check the admin e-mail and API token, or the OAuth client or token";
        } else if (status == 429) {
            code = "Throttled";
        } else if (code.isEmpty()) {
            code = status >= 500 ? "ServerError" : "HttpError" + status;
        }
        boolean retryable = status == 429 || status >= 500;
        return new ZendeskError(status, code, description, details, retryable);
    }

    /** One failed item of a bulk job ({@code {id?, index?, error, details}}). */
    static ZendeskError fromJobItem(JsonNode item) {
        String code = item.path("error").asText("Failed");
        JsonNode details = item.path("details");
        String description;
        if (details.isTextual() && !details.asText().isBlank()) {
            description = details.asText();
        } else if (details.isContainerNode()) {
            List<String> texts = new ArrayList<>();
            details.findValues("description").forEach(d -> texts.add(d.asText()));
            description = texts.isEmpty() ? details.toString() : String.join("; ", texts);
        } else {
            description = item.path("errors").asText(code);
        }
        return new ZendeskError(0, code, description, List.of(), false);
    }

    static ZendeskError network(String endpoint, IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return new ZendeskError(0, "NetworkError", "Could not complete " + endpoint + " with Zendesk ("
                + e.getClass().getSimpleName() + message + ")", List.of(), true);
    }

    private static String code(JsonNode json) {
        JsonNode error = json.path("error");
        if (error.isTextual()) {
            return error.asText().contains(" ") ? "" : error.asText();
        }
        if (error.isObject()) {
            return error.path("title").asText("");
        }
        JsonNode errors = json.path("errors");
        if (errors.isArray() && errors.size() > 0) {
            return errors.get(0).path("code").asText("");
        }
        return "";
    }

    private static String describe(int status, JsonNode json, long retryAfterSeconds) {
        if (status == 429) {
            return "Zendesk's rate limit was reached (HTTP 429)"
                    + (retryAfterSeconds > 0 ? "; it asks to wait " + retryAfterSeconds + " s" : "");
        }
        for (String field : List.of("description", "error_description", "message")) {
            if (json.path(field).isTextual() && !json.path(field).asText().isBlank()) {
                return json.path(field).asText();
            }
        }
        if (json.path("error").isTextual()) {
            return json.path("error").asText();
        }
        if (json.path("error").isObject()) {
            return json.path("error").path("message").asText(json.path("error").path("title").asText());
        }
        JsonNode errors = json.path("errors");
        if (errors.isArray() && errors.size() > 0) {
            return errors.get(0).path("detail").asText(errors.get(0).path("title").asText());
        }
        return "Zendesk answered HTTP " + status;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode json = mapper.readTree(body);
            return json == null ? mapper.createObjectNode() : json;
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
