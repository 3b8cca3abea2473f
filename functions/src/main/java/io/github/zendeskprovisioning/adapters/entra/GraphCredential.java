package io.github.zendeskprovisioning.adapters.entra;

import com.azure.core.credential.TokenCredential;

/**
 * How the reader authenticates to Graph: an azure-identity {@link TokenCredential} (DefaultAzureCredential, a
 * managed identity in Azure) or a fixed bearer token ({@code GRAPH_ACCESS_TOKEN}, for simulators and tests).
 * Neither form ever shows its secret in {@code toString()}.
 */
public sealed interface GraphCredential {

    static GraphCredential accessToken(String token) {
        return new AccessToken(token);
    }

    static GraphCredential tokenCredential(TokenCredential credential) {
        return new Azure(credential);
    }

    /** A bearer token used as it is (it is not renewed). */
    record AccessToken(String token) implements GraphCredential {
        public AccessToken {
            if (token == null || token.isBlank()) throw new IllegalArgumentException("the Graph access token is empty");
        }

        @Override
        public String toString() {
            return "AccessToken[redacted]";
        }
    }

    /** Tokens for scope {@code https://graph.microsoft.com/.default} from azure-identity. */
    record Azure(TokenCredential credential) implements GraphCredential {
        public Azure {
            if (credential == null) throw new IllegalArgumentException("the token credential is missing");
        }

        @Override
        public String toString() {
            return "Azure[" + credential.getClass().getSimpleName() + "]";
        }
    }
}
