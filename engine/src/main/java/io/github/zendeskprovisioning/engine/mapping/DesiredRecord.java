package io.github.zendeskprovisioning.engine.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the mappings say a Zendesk record should hold: {@code always} is written on create and kept up to
 * date; {@code onCreate} only on create.
 */
public record DesiredRecord(Map<String, Object> always, Map<String, Object> onCreate) {
    public DesiredRecord {
        always = Collections.unmodifiableMap(new LinkedHashMap<>(always));
        onCreate = Collections.unmodifiableMap(new LinkedHashMap<>(onCreate));
    }

    public Map<String, Object> forCreate() {
        Map<String, Object> all = new LinkedHashMap<>(onCreate);
        all.putAll(always);
        return all;
    }
}
