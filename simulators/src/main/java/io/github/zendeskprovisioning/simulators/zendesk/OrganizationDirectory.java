package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Organizations with Zendesk's rules: a name is required, trimmed, and unique (case-insensitive), so a repeated
 * create is refused as taken. Not thread-safe: {@link ZendeskTenant} serialises access.
 */
final class OrganizationDirectory {
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Clock clock;
    private final TreeMap<Long, ObjectNode> organizations = new TreeMap<>();
    private long nextId = 50_001;

    OrganizationDirectory(Clock clock) {
        this.clock = clock;
    }

    ObjectNode create(JsonNode input) {
        if (!input.isObject()) {
            throw ApiError.badRequest("InvalidValue", "organization must be an object");
        }
        String name = input.path("name").asText("").trim();
        if (name.isEmpty()) {
            throw ApiError.recordInvalid("name", "Name: cannot be blank", "BlankValue");
        }
        if (byName(name).isPresent()) {
            throw ApiError.recordInvalid("name", "Name: " + name + " has already been taken", "DuplicateValue");
        }
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode org = json.objectNode();
        long id = nextId++;
        org.put("id", id);
        org.put("name", name);
        org.put("created_at", now);
        org.put("updated_at", now);
        org.set("details", input.has("details") ? input.get("details") : json.nullNode());
        org.set("notes", input.has("notes") ? input.get("notes") : json.nullNode());
        org.putNull("external_id");
        org.putNull("group_id");
        org.putArray("domain_names");
        org.putArray("tags");
        org.putObject("organization_fields");
        org.put("shared_comments", false);
        org.put("shared_tickets", false);
        organizations.put(id, org);
        return org.deepCopy();
    }

    List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        organizations.values().forEach(o -> out.add(o.deepCopy()));
        return out;
    }

    boolean exists(long id) {
        return organizations.containsKey(id);
    }

    /** Exact name, case-insensitive, as Zendesk's organization search by name. */
    Optional<ObjectNode> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim();
        return organizations.values().stream().filter(o -> o.path("name").asText().equalsIgnoreCase(wanted))
                .findFirst().map(ObjectNode::deepCopy);
    }

    List<ObjectNode> byIds(List<Long> ids) {
        List<ObjectNode> out = new ArrayList<>();
        for (long id : ids) {
            Optional.ofNullable(organizations.get(id)).map(ObjectNode::deepCopy).ifPresent(out::add);
        }
        return out;
    }

    void clear() {
        organizations.clear();
        nextId = 50_001;
    }
}
