package io.github.zendeskprovisioning.adapters.entra;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;

/**
 * Turns what the SDK throws into {@link EntraReadException}. Messages name the read, the HTTP status and Graph's
 * error code only: never a header, a URL or a token.
 */
final class ReadFailures {
    private ReadFailures() {
    }

    static EntraReadException of(String read, RuntimeException e) {
        if (e instanceof EntraReadException known) return known;
        if (e instanceof ApiException api) return status(read, api.getResponseStatusCode(), code(api), e);
        return new EntraReadException("Graph read failed (" + read + "): " + e.getClass().getSimpleName(), false, e);
    }

    static EntraReadException status(String read, int status, String code, Throwable cause) {
        boolean rejected = status == 401 || status == 403;
        String what = switch (status) {
            case 401 -> "credentials rejected";
            case 403 -> "permission denied";
            case 429 -> "still throttled after the allowed retries";
            case 503, 504 -> "service still unavailable after the allowed retries";
            default -> "failed";
        };
        String detail = code == null ? "" : ", " + code;
        return new EntraReadException("Graph read " + what + " (" + read + ": HTTP " + status + detail + ")", rejected, cause);
    }

    private static String code(ApiException e) {
        if (e instanceof ODataError error && error.getError() != null) return error.getError().getCode();
        return null;
    }
}
