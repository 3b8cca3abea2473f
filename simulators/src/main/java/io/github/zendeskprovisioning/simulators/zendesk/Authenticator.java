package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Who may call: API tokens ({@code Basic base64(email/token:TOKEN)}), fixed OAuth bearer tokens, and
 * bearer tokens issued by {@code POST /oauth/tokens} to a configured client (client_credentials grant),
 * which expire after {@code expires_in} seconds on the simulator's clock. Anything else is refused.
 */
final class Authenticator {
    private record Client(String secret, String email) {
    }

    private record Issued(String email, Instant expiresAt) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> apiTokens = new HashMap<>();
    private final Map<String, String> fixedBearers = new HashMap<>();
    private final Map<String, Client> clients = new HashMap<>();
    private final Map<String, Issued> issued = new HashMap<>();
    private Duration tokenLifetime = Duration.ofSeconds(1800);

    Authenticator(Clock clock) {
        this.clock = clock;
    }

    synchronized void addApiToken(String email, String token) {
        apiTokens.put(email.toLowerCase(Locale.ROOT) + "/token:" + token, email.toLowerCase(Locale.ROOT));
    }

    synchronized void addBearerToken(String token, String email) {
        fixedBearers.put(token, email.toLowerCase(Locale.ROOT));
    }

    synchronized void addOAuthClient(String clientId, String clientSecret, String email) {
        clients.put(clientId, new Client(clientSecret, email.toLowerCase(Locale.ROOT)));
    }

    synchronized void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    synchronized void revokeIssuedTokens() {
        issued.clear();
    }

    synchronized int issuedTokenCount() {
        return issued.size();
    }

    /** The e-mail of the caller, or a 401. */
    synchronized String authenticate(String authorization) {
        if (authorization == null) {
            throw ApiError.unauthenticated();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiError.unauthenticated();
            }
            int slash = decoded.indexOf("/token:");
            String key = slash < 0 ? decoded : decoded.substring(0, slash).toLowerCase(Locale.ROOT) + decoded.substring(slash);
            String email = apiTokens.get(key);
            if (email == null) {
                throw ApiError.unauthenticated();
            }
            return email;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            String fixed = fixedBearers.get(token);
            if (fixed != null) {
                return fixed;
            }
            Issued grant = issued.get(token);
            if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
                throw ApiError.invalidToken();
            }
            return grant.email();
        }
        throw ApiError.unauthenticated();
    }

    /** {@code POST /oauth/tokens}: the client_credentials grant. */
    synchronized ObjectNode grant(JsonNode request) {
        String grantType = request.path("grant_type").asText("");
        if (!grantType.equals("client_credentials")) {
            throw oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
        }
        Client client = clients.get(request.path("client_id").asText(""));
        if (client == null || !client.secret().equals(request.path("client_secret").asText(""))) {
            throw oauthError(401, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
        }
        long lifetime = tokenLifetime.getSeconds();
        if (request.path("expires_in").canConvertToLong()) {
            long asked = request.path("expires_in").asLong();
            if (asked <= 300 || asked >= 172_800) {
                throw oauthError(400, "invalid_request", "expires_in must be more than 300 and less than 172800 seconds.");
            }
            lifetime = asked;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        issued.put(token, new Issued(client.email(), clock.instant().plusSeconds(lifetime)));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("scope", request.path("scope").asText("read write"));
        body.put("expires_in", lifetime);
        return body;
    }

    synchronized void reset() {
        issued.clear();
    }

    private static ApiError oauthError(int status, String error, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("error_description", description);
        return new ApiError(status, body);
    }
}
