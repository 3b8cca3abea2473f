package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Method + path pattern to handler; {@code {id}} segments are numbers, {@code {key}} any segment. */
final class Router {
    /** One authenticated request. {@code caller} is the e-mail the credentials belong to. */
    record Call(String method, List<String> pathParams, Query query, JsonNode body, String caller, String baseUrl) {
        long id(int index) {
            return Long.parseLong(pathParams.get(index));
        }

        String param(int index) {
            return pathParams.get(index);
        }
    }

    /** An answer; {@code body} null means no content. */
    record Reply(int status, ObjectNode body) {
        static Reply ok(ObjectNode body) {
            return new Reply(200, body);
        }

        static Reply created(ObjectNode body) {
            return new Reply(201, body);
        }

        static Reply noContent() {
            return new Reply(204, null);
        }
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Call call);
    }

    private record Route(String method, Pattern pattern, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, Handler handler) {
        String regex = template.replace("{id}", "(\\d+)").replace("{key}", "([^/]+)");
        routes.add(new Route(method, Pattern.compile(regex), handler));
    }

    /** The handler and its path parameters; a known path with another method is 404 as in Zendesk. */
    Match match(String method, String path) {
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (route.method().equals(method) && m.matches()) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(m.group(i));
                }
                return new Match(route.handler(), params);
            }
        }
        throw ApiError.invalidEndpoint();
    }

    record Match(Handler handler, List<String> params) {
    }
}
