package io.github.zendeskprovisioning.adapters.zendesk;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The account part of {@code https://{subdomain}.zendesk.com}: letters, digits and inner hyphens only,
 * so a setting can never steer requests (and credentials) to another host.
 */
public record ZendeskSubdomain(String value) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public ZendeskSubdomain {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The Zendesk subdomain is empty: set it to the first part of your "
                    + "Zendesk address, e.g. my-tenant for https://my-tenant.zendesk.com");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        if (!LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException("The Zendesk subdomain \"" + printable(value) + "\" is not valid: use only "
                    + "letters, digits and hyphens (not at the start or end, at most 63), e.g. my-tenant for "
                    + "https://my-tenant.zendesk.com, not the whole address");
        }
    }

    public static ZendeskSubdomain of(String value) {
        return new ZendeskSubdomain(value);
    }

    public String baseUrl() {
        return "https://" + value + ".zendesk.com";
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
