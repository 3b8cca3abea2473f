package io.github.zendeskprovisioning.adapters.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Access tokens from {@code POST {base}/oauth/tokens} (client_credentials grant, scope "read write"),
 * cached and renewed before they expire (a minute early, or a tenth of a short lifetime), and renewed at
 * once when Zendesk refuses the current one. One renewal at a time, whichever thread asks.
 */
final class OAuthTokenSource {
    private static final Logger LOG = Logger.getLogger(OAuthTokenSource.class.getName());
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Duration EARLY = Duration.ofSeconds(60);

    private record Token(String value, Instant renewAt) {
    }

    private final Call.Factory http;
    private final HttpUrl tokenUrl;
    private final ZendeskCredentials.OAuthClient client;
    private final Clock clock;
    private final ObjectMapper mapper;
    private Token current;

    OAuthTokenSource(Call.Factory http, HttpUrl baseUrl, ZendeskCredentials.OAuthClient client, Clock clock,
                     ObjectMapper mapper) {
        this.http = http;
        this.tokenUrl = baseUrl.newBuilder().addPathSegments("oauth/tokens").build();
        this.client = client;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** A token that is not about to expire. */
    synchronized String token() throws IOException {
        if (current == null || !clock.instant().isBefore(current.renewAt())) {
            current = fetch();
        }
        return current.value();
    }

    /** Zendesk refused {@code refused}: forget it (unless another thread already replaced it). */
    synchronized void refused(String refused) {
        if (current != null && current.value().equals(refused)) {
            current = null;
        }
    }

    private Token fetch() throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("grant_type", "client_credentials");
        body.put("client_id", client.clientId());
        body.put("client_secret", client.clientSecret());
        body.put("scope", "read write");
        Request request = new Request.Builder().url(tokenUrl)
                .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            if (!response.isSuccessful()) {
                throw new ZendeskException(tokenRefused(response.code(), text));
            }
            JsonNode json = mapper.readTree(text);
            String accessToken = json.path("access_token").asText("");
            if (accessToken.isEmpty()) {
                throw new ZendeskException(new ZendeskError(response.code(), "Unauthorized",
                        "Zendesk's token endpoint answered without an access token", List.of(), false));
            }
            Instant now = clock.instant();
            Instant renewAt = Instant.MAX;
            if (json.path("expires_in").canConvertToLong()) {
                Duration lifetime = Duration.ofSeconds(json.path("expires_in").asLong());
                Duration early = lifetime.compareTo(EARLY.multipliedBy(10)) < 0 ? lifetime.dividedBy(10) : EARLY;
                renewAt = now.plus(lifetime).minus(early);
            }
            LOG.fine(() -> "obtained a Zendesk OAuth access token for client " + client.clientId());
            return new Token(accessToken, renewAt);
        }
    }

    private ZendeskError tokenRefused(int status, String body) {
        String reason;
        try {
            JsonNode json = mapper.readTree(body);
            reason = json.path("error").asText("") + (json.hasNonNull("error_description")
                    ? ": " + json.path("error_description").asText() : "");
        } catch (IOException e) {
            reason = "";
        }
        boolean credentials = status == 400 || status == 401 || status == 403;
        String description = "Zendesk refused the OAuth client " + client.clientId() + " (HTTP " + status + ")"
                + (reason.isBlank() ? "" : " " + reason) + (credentials ? "; check the client id and secret" : "");
        return new ZendeskError(credentials ? 401 : status, credentials ? "Unauthorized" : "OAuthError", description,
                List.of(), status == 429 || status >= 500);
    }
}
