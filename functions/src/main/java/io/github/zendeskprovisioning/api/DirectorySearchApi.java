package io.github.zendeskprovisioning.api;

import io.github.zendeskprovisioning.reports.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/provisioning/search?q=...}: Entra users and groups whose name or mail starts with {@code q}, for
 * the console's provision on demand. Reads Entra only; answers as the other endpoints do (400 names bad input).
 */
public final class DirectorySearchApi {
    public static final String ROUTE = "search";
    private static final Logger LOG = Logger.getLogger(DirectorySearchApi.class.getName());
    private static final int MAX_TEXT = 100;

    private final Supplier<DirectorySearch> search;
    private final Json json = new Json();

    public DirectorySearchApi(Supplier<DirectorySearch> search) {
        this.search = search;
    }

    public ApiResponse handle(ApiRequest request) {
        if (!request.method().toUpperCase(Locale.ROOT).equals("GET")) return error(405, "MethodNotAllowed", "search takes GET");
        String text = request.query().getOrDefault("q", "").strip();
        if (text.isEmpty()) return error(400, "MissingQuery", "give the start of a name or mail as q, e.g. search?q=ada");
        if (text.length() > MAX_TEXT) {
            return error(400, "InvalidQuery", "q is longer than " + MAX_TEXT + " characters: '" + text.substring(0, 40) + "…'");
        }
        if (text.chars().anyMatch(Character::isISOControl)) return error(400, "InvalidQuery", "q holds control characters");
        String topText = request.query().getOrDefault("top", "10");
        int top;
        try {
            top = Integer.parseInt(topText.strip());
            if (top < 1 || top > 25) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            return error(400, "InvalidTop", "top must be a whole number from 1 to 25, not '" + cut(topText) + "'");
        }
        try {
            List<DirectorySearch.Match> found = search.get().find(text, top);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", text);
            body.put("matches", found);
            return ApiResponse.json(200, json.write(body));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "directory search failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return error(502, "EntraReadFailed", "Entra could not be searched (" + e.getClass().getSimpleName() + "); see the function logs");
        }
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    private ApiResponse error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return ApiResponse.json(status, json.write(body));
    }
}
