package io.github.zendeskprovisioning.simulators.zendesk;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's query string, decoded ({@code page[size]} stays one key). */
record Query(Map<String, String> values) {

    static Query parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.put(key, value);
            }
        }
        return new Query(Map.copyOf(values));
    }

    String get(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean flag(String key) {
        return "true".equalsIgnoreCase(values.get(key));
    }

    /** A comma-separated list, empty items dropped. */
    List<String> list(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    List<Long> longs(String key) {
        List<Long> out = new ArrayList<>();
        for (String s : list(key)) {
            try {
                out.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("InvalidValue", key + " must be comma-separated numbers");
            }
        }
        return out;
    }

    int integer(String key, int fallback) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("InvalidPaginationParameter", key + " must be a number");
        }
    }

    boolean cursorRequested() {
        return values.keySet().stream().anyMatch(k -> k.startsWith("page["));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
