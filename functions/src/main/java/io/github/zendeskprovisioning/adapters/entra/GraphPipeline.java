package io.github.zendeskprovisioning.adapters.entra;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the SDK's client: the Graph SDK's default middleware with its sleeping retry switched off, then our
 * {@link ThrottlingRetryInterceptor} and {@link RequestCounter}; the auth provider limited to the configured
 * host; the request adapter pointed at the configured base URL.
 */
final class GraphPipeline {
    static final String SCOPE = "https://graph.microsoft.com/.default";

    private GraphPipeline() {
    }

    static GraphServiceClient client(URI baseUrl, GraphCredential credential, RetryPolicy policy, Sleeper sleeper,
                                     RetryAfterWindow window, Clock clock, RequestCounter counter) {
        return client(baseUrl, credential, policy, sleeper, window, clock, counter, null);
    }

    /** @param readTimeout how long one answer may take before the read counts as failed (null: the SDK's default) */
    static GraphServiceClient client(URI baseUrl, GraphCredential credential, RetryPolicy policy, Sleeper sleeper,
                                     RetryAfterWindow window, Clock clock, RequestCounter counter, Duration readTimeout) {
        RequestOption noSdkRetry = new RetryHandlerOption((delay, attempt, request, response) -> false, 0, 0);
        List<Interceptor> interceptors = new ArrayList<>(Arrays.asList(
                GraphClientFactory.createDefaultGraphInterceptors(new RequestOption[]{noSdkRetry})));
        interceptors.add(new ThrottlingRetryInterceptor(policy, sleeper, window, clock));
        interceptors.add(counter);
        OkHttpClient.Builder builder = GraphClientFactory.create(new GraphClientOption(), interceptors.toArray(new Interceptor[0]));
        if (readTimeout != null) builder.readTimeout(readTimeout);
        OkHttpClient http = builder.build();
        GraphServiceClient client = new GraphServiceClient(authentication(baseUrl, credential), http);
        client.getRequestAdapter().setBaseUrl(trimmed(baseUrl));
        return client;
    }

    private static AuthenticationProvider authentication(URI baseUrl, GraphCredential credential) {
        String host = baseUrl.getHost();
        if (credential instanceof GraphCredential.AccessToken t) {
            return new BaseBearerTokenAuthenticationProvider(new FixedTokenProvider(t.token(), host));
        }
        GraphCredential.Azure azure = (GraphCredential.Azure) credential;
        // Kiota sends tokens over plain http to the loopback address only, so the simulator works and nothing else.
        return new AzureIdentityAuthenticationProvider(azure.credential(), new String[]{host}, SCOPE);
    }

    static String trimmed(URI baseUrl) {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
