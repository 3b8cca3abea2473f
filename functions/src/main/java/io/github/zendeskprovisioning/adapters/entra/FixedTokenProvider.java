package io.github.zendeskprovisioning.adapters.entra;

import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Hands the fixed bearer token to the SDK, and only for the configured Graph host: over https, or plain http to
 * the loopback address (the simulator). Any other URL gets no token, so a link pointing elsewhere cannot carry
 * it away.
 */
final class FixedTokenProvider implements AccessTokenProvider {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private final String token;
    private final AllowedHostsValidator hosts;

    FixedTokenProvider(String token, String allowedHost) {
        this.token = token;
        this.hosts = new AllowedHostsValidator(allowedHost);
    }

    @Override
    public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
        if (uri == null || !hosts.isUrlHostValid(uri)) return "";
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !LOOPBACK.contains(uri.getHost())) {
            throw new IllegalArgumentException("Only https is supported for Graph outside the loopback address");
        }
        return token;
    }

    @Override
    public AllowedHostsValidator getAllowedHostsValidator() {
        return hosts;
    }

    @Override
    public String toString() {
        return "FixedTokenProvider[redacted]";
    }
}
