package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Adds the absolute {@code url} Zendesk puts on every record, and wraps records in their envelopes. */
final class Rendering {
    private Rendering() {
    }

    static ObjectNode withUrl(ObjectNode record, String baseUrl, String collection) {
        record.put("url", baseUrl + "/api/v2/" + collection + "/" + record.path("id").asText() + ".json");
        return record;
    }

    static List<ObjectNode> withUrls(List<ObjectNode> records, String baseUrl, String collection) {
        records.forEach(r -> withUrl(r, baseUrl, collection));
        return records;
    }

    static ObjectNode one(String key, ObjectNode record) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set(key, record);
        return body;
    }

    static ObjectNode many(String key, List<ObjectNode> records) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray(key);
        records.forEach(array::add);
        return body;
    }

    static ObjectNode job(ObjectNode job, String baseUrl) {
        job.put("url", baseUrl + job.path("url").asText());
        return one("job_status", job);
    }
}
