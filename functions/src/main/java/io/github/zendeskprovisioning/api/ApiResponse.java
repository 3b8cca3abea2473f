package io.github.zendeskprovisioning.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

public record ApiResponse(int status, String contentType, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, "application/json; charset=utf-8", body);
    }

    /** CONTRACT.md's error body: {@code {"error": code, "message": ...}}. */
    public static ApiResponse error(int status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        try {
            return json(status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings is always JSON", e);
        }
    }
}
