package io.github.zendeskprovisioning.engine.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the mappings say a Zendesk record should hold, one {@link MappingResult} per mapping. {@link #always()}
 * is written on create and kept up to date; {@link #onCreate()} only on create (create-only mappings, and
 * defaults for mappings that gave nothing). Organization and tags are apart in {@link #linked()}: Zendesk
 * keeps them as a link and a set, so they are not plain attributes to write.
 */
public record DesiredRecord(List<MappingResult> results) {
    public DesiredRecord {
        results = List.copyOf(results);
    }

    public Map<String, Object> always() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (MappingResult r : results) {
            if (plain(r) && r.applyWhen() == ApplyWhen.ALWAYS && !r.fromDefault()) values.put(r.target(), r.value());
        }
        return Collections.unmodifiableMap(values);
    }

    public Map<String, Object> onCreate() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (MappingResult r : results) {
            if (plain(r) && (r.applyWhen() == ApplyWhen.ON_CREATE || r.fromDefault())) values.put(r.target(), r.value());
        }
        return Collections.unmodifiableMap(values);
    }

    public Map<String, Object> forCreate() {
        Map<String, Object> all = new LinkedHashMap<>(onCreate());
        all.putAll(always());
        return all;
    }

    /** Organization (a name) and tags (a list), each when its mapping gave a value. */
    public Map<String, Object> linked() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (MappingResult r : results) {
            if (r.value() != null && ZendeskTargets.isLinked(r.target())) values.put(r.target(), r.value());
        }
        return Collections.unmodifiableMap(values);
    }

    /** Mappings that could not be evaluated for this object ({@code target: reason}); their attributes are left out. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (MappingResult r : results) {
            if (r.problem() != null) problems.add(r.target() + ": " + r.problem());
        }
        return problems;
    }

    private static boolean plain(MappingResult r) {
        return r.value() != null && !ZendeskTargets.isLinked(r.target());
    }
}
