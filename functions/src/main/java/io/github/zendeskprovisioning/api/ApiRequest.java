package io.github.zendeskprovisioning.api;

import java.util.Map;

/**
 * An HTTP request as both the Functions triggers and the local host see it. {@code route} is the part after
 * /api/provisioning/. {@code principal}: the signed-in user App Service Authentication vouches for (its
 * X-MS-CLIENT-PRINCIPAL-NAME header), null when there is none (a function key or the serve key was used).
 */
public record ApiRequest(String method, String route, Map<String, String> query, String body, String principal) {
    /** The largest body any endpoint takes (a provision or restart body is well under 1 KB). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    public ApiRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? "" : body;
        principal = principal == null || principal.isBlank() ? null : principal;
    }

    public ApiRequest(String method, String route, Map<String, String> query, String body) {
        this(method, route, query, body, null);
    }

    /** The 413 answer for a body over {@link #MAX_BODY_BYTES}, the same on the Function App and on serve. */
    public static ApiResponse bodyTooLarge() {
        return ApiResponse.error(413, "BodyTooLarge", "the request body is larger than " + MAX_BODY_BYTES / 1024
                + " KB; no endpoint takes more");
    }
}
