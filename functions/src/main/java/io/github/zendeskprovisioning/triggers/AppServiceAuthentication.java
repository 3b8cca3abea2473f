package io.github.zendeskprovisioning.triggers;

import java.util.Map;

/**
 * Whether App Service Authentication ("Easy Auth") stands in front of the Function App, and so whether its
 * {@code X-MS-CLIENT-PRINCIPAL-NAME} header can be believed. Only with it on does App Service set that header on
 * the requests it lets through and drop a client's own copy; without it the header is whatever the caller wrote,
 * so anyone holding the function key could log an action under someone else's name. App Service sets
 * {@code WEBSITE_AUTH_ENABLED=True} in the app's environment when Authentication is on (as Microsoft.Identity.Web
 * checks it too); a request is then named by its principal, and otherwise by the key it needed.
 */
public record AppServiceAuthentication(boolean enabled) {
    public static final String ENABLED_SETTING = "WEBSITE_AUTH_ENABLED";
    static final String PRINCIPAL_NAME = "x-ms-client-principal-name";

    public static AppServiceAuthentication fromEnvironment(Map<String, String> environment) {
        String value = environment == null ? null : environment.get(ENABLED_SETTING);
        return new AppServiceAuthentication(value != null && value.trim().equalsIgnoreCase("true"));
    }

    public static AppServiceAuthentication off() {
        return new AppServiceAuthentication(false);
    }

    /** The signed-in user's name, or null: when Authentication is off, or nobody signed in (a key alone was used). */
    public String principal(Map<String, String> headers) {
        if (!enabled || headers == null) return null;
        for (var h : headers.entrySet()) {
            if (PRINCIPAL_NAME.equalsIgnoreCase(h.getKey())) return h.getValue();
        }
        return null;
    }
}
