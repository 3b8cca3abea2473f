package io.github.zendeskprovisioning.simulators.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** One answer of the simulated Graph: status, headers beyond Content-Type, and a JSON body (null for none). */
record GraphResponse(int status, Map<String, String> headers, JsonNode body) {
    GraphResponse {
        headers = Map.copyOf(headers);
    }

    static GraphResponse ok(JsonNode body) {
        return new GraphResponse(200, Map.of(), body);
    }
}
