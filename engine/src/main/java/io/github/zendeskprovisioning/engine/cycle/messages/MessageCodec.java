package io.github.zendeskprovisioning.engine.cycle.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Queue message bodies: {@code {"v":1,"type":"UserBatch","body":{...}}}. The version lets a newer worker
 * read what an older one left on the queue; an unknown version or type is refused with a clear error (the
 * host then moves it to the poison queue) rather than guessed at.
 */
public final class MessageCodec {
    public static final int VERSION = 1;
    /** Azure Storage Queue holds 64 KiB base64-encoded, so 48 KiB of text. We stay well below. */
    public static final int MAX_CHARS = 45_000;

    private static final Map<String, Class<? extends CycleMessage>> TYPES = Map.of(
            "PlanStep", PlanStep.class, "UserBatch", UserBatch.class,
            "GroupBatch", GroupBatch.class, "StagedRemovals", StagedRemovals.class);

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String encode(CycleMessage message) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("v", VERSION);
        envelope.put("type", message.getClass().getSimpleName());
        envelope.set("body", json.valueToTree(message));
        String text = envelope.toString();
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("queue message of " + text.length() + " characters is over the "
                    + MAX_CHARS + " limit (" + message.getClass().getSimpleName() + ")");
        }
        return text;
    }

    public CycleMessage decode(String text) {
        try {
            JsonNode envelope = json.readTree(text);
            if (envelope == null || !envelope.isObject()) throw new IllegalArgumentException("not a JSON object");
            int v = envelope.path("v").asInt(-1);
            if (v != VERSION) throw new IllegalArgumentException("message version " + v + " is not supported (this worker reads " + VERSION + ")");
            Class<? extends CycleMessage> type = TYPES.get(envelope.path("type").asText());
            if (type == null) throw new IllegalArgumentException("unknown message type '" + envelope.path("type").asText() + "'");
            return json.treeToValue(envelope.get("body"), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable queue message: " + e.getOriginalMessage(), e);
        }
    }
}
