package io.github.zendeskprovisioning.reports;

import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Provisioning log entries as a terminal table, CSV (RFC 4180) or JSON. */
public final class LogReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    public static final List<String> CSV_COLUMNS = List.of("time", "cycleId", "changeId", "objectKind", "sourceId", "sourceName",
            "targetId", "action", "status", "dryRun", "modifiedProperties", "steps", "reason");

    public String table(List<ProvisioningLogEntry> entries) {
        if (entries.isEmpty()) return "No provisioning log entries match.\n";
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-19s  %-12s  %-8s  %-34s  %-10s  %s%n", "TIME (UTC)", "ACTION", "STATUS", "OBJECT", "ZENDESK ID", "DETAILS"));
        for (ProvisioningLogEntry e : entries) {
            String object = e.sourceName() != null ? e.sourceName() : e.sourceId();
            String details = e.reason() == null ? "" : e.reason();
            if (!e.modified().isEmpty()) details = modified(e.modified()) + (details.isEmpty() ? "" : " — " + details);
            out.append(String.format("%-19s  %-12s  %-8s  %-34s  %-10s  %s%n", TIME.format(e.time()),
                    (e.dryRun() ? "~" : "") + e.action().label(), e.status().label(), cut(object, 34),
                    e.targetId() == null ? "" : e.targetId(), details));
        }
        return out.toString();
    }

    public String csv(List<ProvisioningLogEntry> entries, boolean header) {
        StringBuilder out = new StringBuilder();
        if (header) out.append(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (ProvisioningLogEntry e : entries) {
            List<String> cells = List.of(e.time().toString(), e.cycleId(), e.changeId(), e.kind().name(), e.sourceId(),
                    nz(e.sourceName()), e.targetId() == null ? "" : e.targetId().toString(), e.action().label(), e.status().label(),
                    Boolean.toString(e.dryRun()), modified(e.modified()), steps(e.steps()), nz(e.reason()));
            out.append(cells.stream().map(LogReport::quote).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    /** The JSON view: labels as Entra shows them ("Create", "Success"). */
    public Map<String, Object> json(ProvisioningLogEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time());
        m.put("cycleId", e.cycleId());
        m.put("changeId", e.changeId());
        m.put("objectKind", e.kind().name().toLowerCase());
        m.put("sourceId", e.sourceId());
        m.put("sourceName", e.sourceName());
        m.put("targetId", e.targetId());
        m.put("action", e.action().label());
        m.put("status", e.status().label());
        m.put("dryRun", e.dryRun());
        m.put("steps", e.steps());
        m.put("modifiedProperties", e.modified());
        m.put("reason", e.reason());
        return m;
    }

    public List<Map<String, Object>> json(List<ProvisioningLogEntry> entries) {
        List<Map<String, Object>> list = new ArrayList<>();
        entries.forEach(e -> list.add(json(e)));
        return list;
    }

    private static String modified(List<ModifiedProperty> props) {
        return props.stream().map(p -> p.oldValue() == null ? p.name() + ": " + p.newValue()
                : p.name() + ": " + p.oldValue() + " → " + (p.newValue() == null ? "(none)" : p.newValue())).collect(Collectors.joining("; "));
    }

    private static String steps(List<LogStep> steps) {
        return steps.stream().map(s -> s.name() + "=" + s.outcome() + (s.detail() == null ? "" : " (" + s.detail() + ")"))
                .collect(Collectors.joining("; "));
    }

    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
