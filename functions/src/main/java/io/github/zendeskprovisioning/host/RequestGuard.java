package io.github.zendeskprovisioning.host;

import com.sun.net.httpserver.Headers;
import io.github.zendeskprovisioning.api.ApiResponse;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code serve} refuses before a request reaches an endpoint, so that a web page the operator opens
 * cannot drive it: a Host that is not a loopback name (DNS rebinding), an Origin other than serve's own
 * (a cross-site request), a missing or wrong key, and a POST body that is not {@code application/json}
 * (the content types a page may send without a CORS preflight).
 */
final class RequestGuard {
    static final String KEY_HEADER = "x-functions-key";
    static final String KEY_QUERY = "code";
    private static final Pattern LOOPBACK_HOST = Pattern.compile("(?i)(localhost|127\\.0\\.0\\.1|\\[::1])(:\\d{1,5})?");

    private final ServeKey key;
    private final int port;

    RequestGuard(ServeKey key, int port) {
        this.key = key;
        this.port = port;
    }

    Optional<ApiResponse> refusal(String method, Headers headers, Map<String, String> query) {
        Optional<ApiResponse> foreign = foreign(headers);
        if (foreign.isPresent()) return foreign;
        String given = headers.getFirst(KEY_HEADER);
        if (given == null) given = query.get(KEY_QUERY);
        if (!key.matches(given)) {
            return Optional.of(ApiResponse.error(401, "Unauthorized", (given == null ? "no key" : "wrong key")
                    + ": send PROVISIONING_SERVE_KEY (or the key serve printed at start) in the " + KEY_HEADER
                    + " header or the " + KEY_QUERY + " query parameter"));
        }
        if (method.equalsIgnoreCase("POST") && !jsonOrEmpty(headers)) {
            return Optional.of(ApiResponse.error(415, "UnsupportedMediaType",
                    "a POST body must be sent with Content-Type: application/json"));
        }
        return Optional.empty();
    }

    /** A Host that is not a loopback name, or an Origin other than serve's own: refused on every route. */
    Optional<ApiResponse> foreign(Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || !LOOPBACK_HOST.matcher(host.trim()).matches()) {
            return Optional.of(ApiResponse.error(403, "ForeignHost", "serve answers only requests addressed to"
                    + " localhost, 127.0.0.1 or [::1]; this one names another host"));
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !ownOrigin(origin.trim())) {
            return Optional.of(ApiResponse.error(403, "ForeignOrigin", "serve does not answer requests made by"
                    + " another site's pages (Origin is not http://127.0.0.1:" + port + ")"));
        }
        return Optional.empty();
    }

    private boolean ownOrigin(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        return o.equals("http://127.0.0.1:" + port) || o.equals("http://localhost:" + port) || o.equals("http://[::1]:" + port);
    }

    /** {@code application/json} (any parameters), or no Content-Type on a request without a body. */
    private static boolean jsonOrEmpty(Headers headers) {
        String type = headers.getFirst("Content-Type");
        if (type == null) {
            String length = headers.getFirst("Content-Length");
            return headers.getFirst("Transfer-Encoding") == null && (length == null || length.trim().equals("0"));
        }
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }
}
