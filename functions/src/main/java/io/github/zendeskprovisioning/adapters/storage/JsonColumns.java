package io.github.zendeskprovisioning.adapters.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.Watermark;
import io.github.zendeskprovisioning.engine.state.WriteIntent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nested record data stored as JSON text columns (counts, watermarks, log steps, modified properties, write intents). */
final class JsonColumns {
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<LogStep>> STEPS = new TypeReference<>() {
    };
    private static final TypeReference<List<ModifiedProperty>> MODIFIED = new TypeReference<>() {
    };
    private static final TypeReference<List<WriteIntent>> INTENTS = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A map of texts (a link's written values); null or blank reads as empty. */
    String textMap(Map<String, String> values) {
        return write(values);
    }

    Map<String, String> textMap(String json) {
        return json == null || json.isBlank() ? Map.of() : read(json, TEXT_MAP);
    }

    String counts(Map<String, Long> counts) {
        return write(counts);
    }

    Map<String, Long> counts(String json) {
        return json == null ? Map.of() : read(json, COUNTS);
    }

    String watermark(Watermark w) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("usersDeltaToken", w.usersDeltaToken());
        fields.put("groupsDeltaToken", w.groupsDeltaToken());
        fields.put("assignmentsGeneration", w.assignmentsGeneration());
        fields.put("committedAt", w.committedAt() == null ? null : w.committedAt().toString());
        fields.put("mappingHash", w.mappingHash());
        return write(fields);
    }

    Watermark watermark(String json) {
        if (json == null) return Watermark.none();
        Map<String, String> f = read(json, TEXT_MAP);
        String committed = f.get("committedAt");
        return new Watermark(f.get("usersDeltaToken"), f.get("groupsDeltaToken"), f.get("assignmentsGeneration"),
                committed == null ? null : Instant.parse(committed), f.get("mappingHash"));
    }

    /** The steps as JSON of at most {@code maxChars}, leaving out the last ones (and saying so) if needed. */
    String stepsFitting(List<LogStep> steps, int maxChars) {
        int keep = fitting(steps, maxChars);
        if (keep == steps.size()) return write(steps);
        List<LogStep> kept = new java.util.ArrayList<>(steps.subList(0, keep));
        kept.add(new LogStep("truncated", "omitted", (steps.size() - keep) + " more steps were not stored (too long)"));
        return write(kept);
    }

    /** As {@link #stepsFitting}, for modified properties. */
    String modifiedFitting(List<ModifiedProperty> modified, int maxChars) {
        int keep = fitting(modified, maxChars);
        if (keep == modified.size()) return write(modified);
        List<ModifiedProperty> kept = new java.util.ArrayList<>(modified.subList(0, keep));
        kept.add(new ModifiedProperty("(truncated)", null, (modified.size() - keep) + " more properties were not stored (too long)"));
        return write(kept);
    }

    /** How many leading items fit in {@code maxChars} of JSON, keeping room for the note that says the rest was left out. */
    private int fitting(List<?> items, int maxChars) {
        if (write(items).length() <= maxChars) return items.size();
        int budget = maxChars - 2 - 200;
        int used = 0;
        int keep = 0;
        for (Object item : items) {
            int size = write(item).length() + 1;
            if (used + size > budget) break;
            used += size;
            keep++;
        }
        return keep;
    }

    List<LogStep> steps(String json) {
        return json == null ? List.of() : read(json, STEPS);
    }

    List<ModifiedProperty> modified(String json) {
        return json == null ? List.of() : read(json, MODIFIED);
    }

    /**
     * ASCII only (other characters as JSON escapes): a row of several hundred KB with multi-byte characters came
     * back from Azurite with some of them broken, and escaped text reads back the same from any store.
     */
    String intents(List<WriteIntent> intents) {
        try {
            return mapper.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(intents);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write write intents as JSON", e);
        }
    }

    List<WriteIntent> intents(String json) {
        return json == null ? List.of() : read(json, INTENTS);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column does not parse: " + e.getOriginalMessage());
        }
    }
}
