package io.github.zendeskprovisioning.api;

import java.util.Map;

/** An HTTP request as both the Functions triggers and the local host see it. {@code route} is the part after /api/provisioning/. */
public record ApiRequest(String method, String route, Map<String, String> query, String body) {
    public ApiRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? "" : body;
    }
}
