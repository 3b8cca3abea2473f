package io.github.zendeskprovisioning.adapters.zendesk;

/**
 * How the client signs in to Zendesk. No variant ever shows its secret in {@code toString()}.
 */
public sealed interface ZendeskCredentials {

    /** An API token of an admin: {@code Authorization: Basic base64({email}/token:{token})}. */
    record ApiToken(String email, String token) implements ZendeskCredentials {
        public ApiToken {
            require(email, "the Zendesk admin e-mail");
            require(token, "the Zendesk API token");
        }

        @Override
        public String toString() {
            return "ApiToken[email=" + email + ", token=***]";
        }
    }

    /** An OAuth client: access tokens come from {@code POST {base}/oauth/tokens} (client_credentials grant). */
    record OAuthClient(String clientId, String clientSecret) implements ZendeskCredentials {
        public OAuthClient {
            require(clientId, "the Zendesk OAuth client id");
            require(clientSecret, "the Zendesk OAuth client secret");
        }

        @Override
        public String toString() {
            return "OAuthClient[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /** A fixed OAuth access token: {@code Authorization: Bearer {token}}. */
    record BearerToken(String token) implements ZendeskCredentials {
        public BearerToken {
            require(token, "the Zendesk OAuth access token");
        }

        @Override
        public String toString() {
            return "BearerToken[token=***]";
        }
    }

    static ZendeskCredentials apiToken(String email, String token) {
        return new ApiToken(email, token);
    }

    static ZendeskCredentials oauthClient(String clientId, String clientSecret) {
        return new OAuthClient(clientId, clientSecret);
    }

    static ZendeskCredentials bearerToken(String token) {
        return new BearerToken(token);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
    }
}
