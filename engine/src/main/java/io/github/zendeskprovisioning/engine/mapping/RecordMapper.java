package io.github.zendeskprovisioning.engine.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Applies a list of attribute mappings to one source object's attributes. */
public final class RecordMapper {
    private final List<AttributeMapping> mappings;

    public RecordMapper(List<AttributeMapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    public DesiredRecord map(Function<String, String> attribute) {
        Map<String, Object> always = new LinkedHashMap<>();
        Map<String, Object> onCreate = new LinkedHashMap<>();
        for (AttributeMapping m : mappings) {
            String value = valueOf(m, attribute);
            if (value == null) continue;
            (m.applyWhen() == ApplyWhen.ALWAYS ? always : onCreate).put(m.target(), value);
        }
        return new DesiredRecord(always, onCreate);
    }

    private static String valueOf(AttributeMapping m, Function<String, String> attribute) {
        for (String source : m.sources()) {
            String v = attribute.apply(source);
            if (v != null && !v.isBlank()) return v.trim();
        }
        if (m.constant() != null) return m.constant();
        return m.defaultValue();
    }
}
