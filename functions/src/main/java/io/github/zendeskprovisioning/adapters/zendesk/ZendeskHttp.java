package io.github.zendeskprovisioning.adapters.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** JSON over the configured OkHttp client; any answer but 2xx becomes a {@link ZendeskException}. */
final class ZendeskHttp {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final HttpUrl base;
    private final ObjectMapper mapper;
    private final ZendeskErrors errors;

    ZendeskHttp(OkHttpClient http, HttpUrl base, ObjectMapper mapper) {
        this.http = http;
        this.base = base;
        this.mapper = mapper;
        this.errors = new ZendeskErrors(mapper);
    }

    /** {@code path} like "api/v2/users/show_many"; {@code query} adds parameters (OkHttp encodes them). */
    HttpUrl url(String path, UnaryOperator<HttpUrl.Builder> query) {
        return query.apply(base.newBuilder().addPathSegments(path)).build();
    }

    HttpUrl url(String path) {
        return url(path, b -> b);
    }

    JsonNode get(HttpUrl url) {
        return send(new Request.Builder().url(url).get().build());
    }

    /** A POST that is not sent again once it may have reached Zendesk. */
    JsonNode post(HttpUrl url, JsonNode body) {
        return send(new Request.Builder().url(url).post(json(body)).build());
    }

    /** A POST sent again when its outcome is unknown, as {@code rule} makes harmless. */
    JsonNode post(HttpUrl url, JsonNode body, RepeatSafe rule) {
        return send(new Request.Builder().url(url).post(json(body)).tag(RepeatSafe.class, rule).build());
    }

    JsonNode put(HttpUrl url, JsonNode body) {
        return send(new Request.Builder().url(url).put(json(body)).build());
    }

    JsonNode delete(HttpUrl url) {
        return send(new Request.Builder().url(url).delete().build());
    }

    ObjectMapper mapper() {
        return mapper;
    }

    private RequestBody json(JsonNode body) {
        try {
            return RequestBody.create(mapper.writeValueAsBytes(body), JSON);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON", e);
        }
    }

    private JsonNode send(Request request) {
        Request withAccept = request.newBuilder().header("Accept", "application/json").build();
        String endpoint = RequestCounter.endpoint(withAccept);
        try (Response response = http.newCall(withAccept).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                long retryAfter = response.code() == 429 ? RateLimitInterceptor.retryAfter(response).toSeconds() : 0;
                throw new ZendeskException(errors.fromResponse(response.code(), text, retryAfter));
            }
            return text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text);
        } catch (ZendeskException e) {
            throw e;
        } catch (IOException e) {
            throw new ZendeskException(ZendeskErrors.network(endpoint, e), e);
        }
    }
}
