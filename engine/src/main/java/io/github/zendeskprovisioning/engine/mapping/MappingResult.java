package io.github.zendeskprovisioning.engine.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one mapping gave for one object: the value (null: nothing flows; a String, or a List of Strings for
 * tags), whether it is the create-only default, whether it must show as [Redact], the source values it read
 * (for previews), and the problem when the expression could not be evaluated for this object.
 */
public record MappingResult(String target, ApplyWhen applyWhen, Object value, boolean fromDefault, boolean redacted,
                            Map<String, Object> sourceValues, String problem) {
    public MappingResult {
        sourceValues = Collections.unmodifiableMap(new LinkedHashMap<>(sourceValues));
    }

    /** The value as a log line or preview may show it. */
    public String shown() {
        if (value == null) return null;
        return redacted ? "[Redact]" : value.toString();
    }
}
