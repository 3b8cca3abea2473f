package io.github.zendeskprovisioning.reports;

import io.github.zendeskprovisioning.engine.cycle.MappingPreview;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;

import java.util.Map;

/** {@code mappings preview} as text for a terminal; the JSON form is the result record itself. */
public final class PreviewReport {
    public String text(MappingPreview.Result r) {
        StringBuilder b = new StringBuilder();
        b.append("Preview of Entra user ").append(r.name()).append(" (").append(r.objectId()).append("); nothing is written\n");
        b.append("\nMappings\n");
        for (MappingPreview.MappingLine m : r.mappings()) {
            b.append("  ").append(m.target()).append(m.apply().equals("onCreate") ? " (on create)" : "").append(" = ")
                    .append(m.result() == null ? "(nothing flows)" : "\"" + m.result() + "\"")
                    .append(m.fromDefault() ? " (default)" : "").append('\n');
            for (Map.Entry<String, String> s : m.sources().entrySet()) {
                b.append("      [").append(s.getKey()).append("] = ")
                        .append(s.getValue() == null ? "null" : "\"" + s.getValue() + "\"").append('\n');
            }
            if (m.problem() != null) b.append("      problem: ").append(m.problem()).append(" (left out)\n");
        }
        b.append("\nScoping filters: ").append(r.filtersReason()).append('\n');
        for (MappingPreview.ClauseLine c : r.clauses()) {
            b.append("  filter ").append(c.filter()).append(": ").append(c.clause()).append(" -> ")
                    .append(c.passed() ? "passed" : "failed").append(" (")
                    .append(c.actual() == null ? "" : "\"" + c.actual() + "\" ").append(c.why()).append(")\n");
        }
        b.append("\nScope: ").append(r.inScope() ? "in scope" : "out of scope").append(" (").append(r.scopeReason()).append(")\n");
        if (r.role() != null) b.append("Role: ").append(r.role()).append('\n');
        b.append("\nZendesk: ").append(r.zendeskId() == null ? "no matching user" : "user " + r.zendeskId() + ", matched by " + r.matchedBy())
                .append('\n');
        b.append("Would: ").append(r.action()).append('\n');
        for (ModifiedProperty m : r.changes()) {
            b.append("  ").append(m.name()).append(": ").append(m.oldValue() == null ? "(none)" : "\"" + m.oldValue() + "\"")
                    .append(" -> ").append(m.newValue() == null ? "(none)" : "\"" + m.newValue() + "\"").append('\n');
        }
        for (String note : r.notes()) b.append("  note: ").append(note).append('\n');
        return b.toString();
    }
}
