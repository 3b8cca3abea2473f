package io.github.zendeskprovisioning.engine.mapping;

import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.mapping.expression.AttributeSource;
import io.github.zendeskprovisioning.engine.mapping.expression.EvaluationException;
import io.github.zendeskprovisioning.engine.mapping.expression.Values;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a list of attribute mappings to one source object. A direct mapping takes the first non-empty
 * source (trimmed), a constant its value, an expression its result; null or empty means nothing flows, and the
 * mapping's default, if any, is written on create only. The result is a function of the whole object, so an
 * expression (Switch included) gives the same value whatever else changed. An expression that fails for this
 * object leaves its attribute out and says why in {@link DesiredRecord#problems()}; the other mappings go on.
 */
public final class RecordMapper {
    private final List<AttributeMapping> mappings;
    private final Clock clock;

    public RecordMapper(List<AttributeMapping> mappings) {
        this(mappings, Clock.systemUTC());
    }

    public RecordMapper(List<AttributeMapping> mappings, Clock clock) {
        this.mappings = List.copyOf(mappings);
        this.clock = clock;
    }

    /** For an object whose attributes are single strings by name (a group, or a user's attribute map). */
    public DesiredRecord map(Function<String, String> attribute) {
        return mapAttributes(attribute::apply);
    }

    /** For a user: as {@link #map(Function)}, with {@code objectId}/{@code id} being its object id. */
    public DesiredRecord map(EntraUser user) {
        return mapAttributes(name -> EntraUserAttributes.text(user, name));
    }

    /** For any source, multi-valued attributes included (a List of Strings). */
    public DesiredRecord mapAttributes(AttributeSource attributes) {
        List<MappingResult> results = new ArrayList<>();
        for (AttributeMapping m : mappings) results.add(evaluate(m, attributes));
        return new DesiredRecord(results);
    }

    private MappingResult evaluate(AttributeMapping m, AttributeSource attributes) {
        Map<String, Object> read = new LinkedHashMap<>();
        AttributeSource recording = name -> {
            Object v = attributes.value(name);
            read.put(name, v);
            return v;
        };
        Object value;
        String problem = null;
        boolean redacted = false;
        switch (m.kind()) {
            case DIRECT -> value = firstPresent(m.sources(), recording);
            case CONSTANT -> value = m.constant();
            default -> {
                redacted = m.expression().redacted();
                Object result;
                try {
                    result = m.expression().evaluate(recording, clock);
                } catch (EvaluationException e) {
                    result = null;
                    problem = e.getMessage();
                }
                value = result;
            }
        }
        value = shape(m.target(), value);
        boolean fromDefault = false;
        if (value == null && m.defaultValue() != null) {
            value = shape(m.target(), m.defaultValue());
            fromDefault = value != null;
        }
        return new MappingResult(m.target(), m.applyWhen(), value, fromDefault, redacted, read, problem);
    }

    private static Object firstPresent(List<String> sources, AttributeSource attributes) {
        for (String source : sources) {
            String v = Values.text(attributes.value(source));
            if (v != null && !v.isBlank()) return v.trim();
        }
        return null;
    }

    /**
     * Tags become a set: each value of a list, or the words of a single string (Zendesk splits tags at white
     * space too), empty ones dropped. Every other target takes one string; a list counts as its values joined by
     * commas. Empty gives null: nothing flows.
     */
    static Object shape(String target, Object value) {
        if (value == null) return null;
        if (ZendeskTargets.TAGS.equals(target)) {
            LinkedHashSet<String> tags = new LinkedHashSet<>();
            for (String item : Values.items(value)) {
                for (String word : item.trim().split("\\s+")) {
                    if (!word.isEmpty()) tags.add(word);
                }
            }
            return tags.isEmpty() ? null : List.copyOf(tags);
        }
        String text = Values.text(value);
        return text == null || text.isEmpty() ? null : text;
    }
}
