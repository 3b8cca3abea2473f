package io.github.zendeskprovisioning.api;

public record ApiResponse(int status, String contentType, String body) {
    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, "application/json; charset=utf-8", body);
    }
}
