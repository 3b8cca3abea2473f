package io.github.zendeskprovisioning.triggers;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.github.zendeskprovisioning.api.ApiRequest;
import io.github.zendeskprovisioning.api.ApiResponse;
import io.github.zendeskprovisioning.api.ConsoleAssets;
import io.github.zendeskprovisioning.api.DirectorySearch;
import io.github.zendeskprovisioning.api.DirectorySearchApi;
import io.github.zendeskprovisioning.api.ProvisioningApi;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.SettingsException;
import io.github.zendeskprovisioning.wiring.Wiring;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP endpoints under /api/provisioning/. Function-level keys; the destructive ones (restart,
 * approve-deletions) need the admin (host master) key. Each only hands the request to {@link ProvisioningApi}.
 */
public final class HttpFunctions {
    private final Supplier<Product> product;
    private final ConsoleAssets console = new ConsoleAssets();

    private final Supplier<DirectorySearch> search;
    private final AppServiceAuthentication authentication;

    public HttpFunctions() {
        this(SharedProduct.INSTANCE, SharedDirectorySearch.INSTANCE);
    }

    public HttpFunctions(Supplier<Product> product) {
        this(product, () -> Wiring.directorySearch(product.get().settings()));
    }

    public HttpFunctions(Supplier<Product> product, Supplier<DirectorySearch> search) {
        this(product, search, AppServiceAuthentication.fromEnvironment(System.getenv()));
    }

    public HttpFunctions(Supplier<Product> product, Supplier<DirectorySearch> search, AppServiceAuthentication authentication) {
        this.product = product;
        this.search = search;
        this.authentication = authentication;
    }

    @FunctionName("TestConnection")
    public HttpResponseMessage testConnection(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "provisioning/test-connection",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("test-connection", req);
    }

    @FunctionName("Status")
    public HttpResponseMessage status(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "provisioning/status",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("status", req);
    }

    @FunctionName("Logs")
    public HttpResponseMessage logs(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "provisioning/logs",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("logs", req);
    }

    @FunctionName("Sync")
    public HttpResponseMessage sync(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "provisioning/sync",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("sync", req);
    }

    @FunctionName("Provision")
    public HttpResponseMessage provision(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "provisioning/provision",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("provision", req);
    }

    @FunctionName("Preview")
    public HttpResponseMessage preview(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "provisioning/preview",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("preview", req);
    }

    @FunctionName("Restart")
    public HttpResponseMessage restart(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "provisioning/restart",
            authLevel = AuthorizationLevel.ADMIN) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("restart", req);
    }

    @FunctionName("ApproveDeletions")
    public HttpResponseMessage approveDeletions(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "provisioning/approve-deletions",
            authLevel = AuthorizationLevel.ADMIN) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("approve-deletions", req);
    }

    @FunctionName("Pause")
    public HttpResponseMessage pause(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "provisioning/pause",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("pause", req);
    }

    @FunctionName("Resume")
    public HttpResponseMessage resume(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "provisioning/resume",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        return call("resume", req);
    }

    /** Entra users and groups by the start of their name or mail, for the console's provision on demand. */
    @FunctionName("Search")
    public HttpResponseMessage search(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "provisioning/search",
            authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> req, ExecutionContext context) {
        ApiResponse response;
        try {
            response = new DirectorySearchApi(search).handle(new ApiRequest(req.getHttpMethod().name(), DirectorySearchApi.ROUTE,
                    req.getQueryParameters(), ""));
        } catch (SettingsException e) {
            response = ApiResponse.json(500, "{\"error\":\"Configuration\",\"message\":" + quote(e.getMessage()) + "}");
        }
        return req.createResponseBuilder(HttpStatus.valueOf(response.status()))
                .header("Content-Type", response.contentType()).body(response.body()).build();
    }

    /**
     * The operator console's files. Anonymous because a browser cannot send a function key with the page's own
     * script and style requests; the files hold no data and no secret, and every call the page makes for data sends
     * the key (or passes App Service Authentication, which then guards these files too).
     */
    @FunctionName("Console")
    public HttpResponseMessage console(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "provisioning/console/{*path}",
            authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> req,
            @BindingName("path") String path, ExecutionContext context) {
        String uri = req.getUri() == null ? "" : req.getUri().getPath();
        boolean bare = (path == null || path.isEmpty()) && !uri.endsWith("/");
        ConsoleAssets.Reply reply = console.get(req.getHttpMethod().name(), bare ? null : path == null ? "" : path,
                req.getHeaders().get("if-none-match"));
        HttpResponseMessage.Builder b = req.createResponseBuilder(HttpStatus.valueOf(reply.status()));
        reply.headers().forEach(b::header);
        return b.body(reply.body()).build();
    }

    private HttpResponseMessage call(String route, HttpRequestMessage<Optional<String>> req) {
        ApiResponse response;
        try {
            Product p = product.get();
            response = new ProvisioningApi(p.engine(), p::testConnection)
                    .handle(new ApiRequest(req.getHttpMethod().name(), route, req.getQueryParameters(), req.getBody().orElse(""),
                            authentication.principal(req.getHeaders())));
        } catch (SettingsException e) {
            response = ApiResponse.json(500, "{\"error\":\"Configuration\",\"message\":" + quote(e.getMessage()) + "}");
        }
        return req.createResponseBuilder(HttpStatus.valueOf(response.status()))
                .header("Content-Type", response.contentType())
                .body(response.body())
                .build();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
