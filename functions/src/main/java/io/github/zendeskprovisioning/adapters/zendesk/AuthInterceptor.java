package io.github.zendeskprovisioning.adapters.zendesk;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Signs every request with the configured credentials. With an OAuth client, a 401 means the token
 * was revoked or expired early: the interceptor gets a new one and sends the request once more (a
 * refused request was not processed, so that is safe for any method).
 */
public final class AuthInterceptor implements Interceptor {
    private final ZendeskCredentials credentials;
    private final OAuthTokenSource tokens;
    private final String fixedHeader;

    AuthInterceptor(ZendeskCredentials credentials, OAuthTokenSource tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
        if (credentials instanceof ZendeskCredentials.ApiToken t) {
            this.fixedHeader = "Basic " + Base64.getEncoder().encodeToString(
                    (t.email() + "/token:" + t.token()).getBytes(StandardCharsets.UTF_8));
        } else if (credentials instanceof ZendeskCredentials.BearerToken b) {
            this.fixedHeader = "Bearer " + b.token();
        } else {
            this.fixedHeader = null;
        }
        if (fixedHeader == null && tokens == null) {
            throw new IllegalArgumentException("OAuth client credentials need a token source");
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (fixedHeader != null) {
            return chain.proceed(signed(chain.request(), fixedHeader));
        }
        String token = tokens.token();
        Response response = chain.proceed(signed(chain.request(), "Bearer " + token));
        if (response.code() != 401) {
            return response;
        }
        response.close();
        tokens.refused(token);
        return chain.proceed(signed(chain.request(), "Bearer " + tokens.token()));
    }

    private static Request signed(Request request, String header) {
        return request.newBuilder().header("Authorization", header).build();
    }

    @Override
    public String toString() {
        return "AuthInterceptor[" + credentials + "]";
    }
}
