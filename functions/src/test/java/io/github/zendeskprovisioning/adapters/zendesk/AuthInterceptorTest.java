package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The auth interceptor alone: the header each credential type produces, seen by a network interceptor. */
class AuthInterceptorTest {
    private final ZendeskSimulator sim = ZendeskSimulator.seeded().start();
    private final List<String> headers = new ArrayList<>();

    @AfterEach
    void stop() {
        sim.close();
    }

    private int call(ZendeskCredentials credentials) throws IOException {
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(new AuthInterceptor(credentials, null))
                .addNetworkInterceptor(chain -> {
                    headers.add(chain.request().header("Authorization"));
                    return chain.proceed(chain.request());
                }).build();
        try (Response r = http.newCall(new Request.Builder().url(sim.baseUrl() + "/api/v2/users/me").build()).execute()) {
            return r.code();
        }
    }

    @Test
    void apiTokenIsBasicAuthOfEmailSlashTokenColonToken() throws IOException {
        assertEquals(200, call(ZendeskCredentials.apiToken("admin@example.com", ZendeskSimulator.SEED_API_TOKEN)));
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                ("admin@example.com/token:" + ZendeskSimulator.SEED_API_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(expected), headers);
    }

    @Test
    void fixedBearerTokenIsSentAsBearer() throws IOException {
        sim.addBearerToken("abc-123", "admin@example.com");
        assertEquals(200, call(ZendeskCredentials.bearerToken("abc-123")));
        assertEquals(List.of("Bearer abc-123"), headers);
    }
}
