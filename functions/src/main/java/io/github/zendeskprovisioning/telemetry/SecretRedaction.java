package io.github.zendeskprovisioning.telemetry;

import java.util.regex.Pattern;

/**
 * Last line of defence before free text (a failure reason, a cycle's status reason) reaches Application
 * Insights: the engine promises no secret in those sentences, but an upstream error body can echo a header or
 * a query string, so anything shaped like a credential is masked and the text is bounded.
 */
final class SecretRedaction {
    static final String MASK = "[redacted]";
    static final int MAX_LENGTH = 1000;

    // "Authorization: Bearer abc", "Basic dXNlcjp0b2tlbg=="
    private static final Pattern AUTH_SCHEME = Pattern.compile(
            "(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,}");
    // "token=...", "client_secret: ...", "AccountKey=...", "password=...", "sig=..." (SAS), "{email}/token:abc"
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b(access_token|refresh_token|client_secret|api_token|token|secret|password|accountkey|sharedaccesssignature|sig)"
                    + "(\"?\\s*[=:]\\s*\"?)[^\\s&;,\"']+");

    private SecretRedaction() {
    }

    /** The text with credential-shaped parts masked, cut to {@link #MAX_LENGTH} characters; null stays null. */
    static String redact(String text) {
        if (text == null) return null;
        String masked = AUTH_SCHEME.matcher(text).replaceAll("$1 " + MASK);
        masked = KEY_VALUE.matcher(masked).replaceAll("$1$2" + MASK);
        return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH) + "...";
    }
}
