package io.github.zendeskprovisioning.reports;

import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.Counts;
import io.github.zendeskprovisioning.engine.cycle.RequestMeter;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Quarantine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A cycle and the job status, for people (terminal) and for scripts (JSON). */
public final class CycleReport {

    public record Row(String label, long value) {
    }

    public List<Row> rows(CycleRecord c) {
        return List.of(
                new Row("Created", ok(c, ProvisioningAction.CREATE)),
                new Row("Updated", ok(c, ProvisioningAction.UPDATE)),
                new Row("Suspended", ok(c, ProvisioningAction.DISABLE)),
                new Row("Unsuspended", ok(c, ProvisioningAction.ENABLE)),
                new Row("Deleted", ok(c, ProvisioningAction.DELETE)),
                new Row("Skipped", c.count(Counts.key(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED))
                        + c.count(Counts.key(ProvisioningAction.SKIP, ProvisioningStatus.WARNING))),
                new Row("Held by the deletion guard", c.count(Counts.key(ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED))),
                new Row("Failed (retried later)", c.count(Counts.FAILED)),
                new Row("Unchanged", c.count(Counts.UNCHANGED)),
                new Row("Objects evaluated", c.count(Counts.PROCESSED)),
                new Row("Zendesk requests", c.count(RequestMeter.ZENDESK_REQUESTS)),
                new Row("Zendesk 429 answers", c.count(RequestMeter.ZENDESK_THROTTLED)),
                new Row("Graph requests", c.count(RequestMeter.GRAPH_REQUESTS)));
    }

    public String summary(CycleRecord c) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Cycle %s  (%s%s, %s)%n", c.cycleId(), c.dryRun() ? "dry run, " : "",
                c.mode().name().toLowerCase(), c.status().name().toLowerCase()));
        if (c.statusReason() != null) out.append("  ").append(c.statusReason()).append('\n');
        for (Row r : rows(c)) out.append(String.format("  %-28s %8d%n", r.label(), r.value()));
        out.append(String.format("  %-28s %8s%n", "Duration", duration(c)));
        Map<String, Long> unresolved = Counts.unresolvedCustomRoles(c.counts());
        if (!unresolved.isEmpty()) {
            // Users kept as Zendesk has them (never suspended or demoted) until the role name resolves again.
            out.append("  Unresolved custom roles (users kept as Zendesk has them; see the Warning log entries):\n");
            unresolved.forEach((role, users) -> out.append(String.format("    %-26s %8d users%n", "'" + role + "'", users)));
        }
        return out.toString();
    }

    /** One line while a cycle runs. */
    public String progress(CycleRecord c) {
        return String.format("[%s] phase %-18s batches %d/%d  created %d  updated %d  suspended %d  failed %d",
                c.cycleId(), c.phase(), c.batchesDone(), c.batchesEnqueued(), ok(c, ProvisioningAction.CREATE),
                ok(c, ProvisioningAction.UPDATE), ok(c, ProvisioningAction.DISABLE), c.count(Counts.FAILED));
    }

    public Map<String, Object> json(CycleRecord c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycleId", c.cycleId());
        m.put("mode", c.mode().name().toLowerCase());
        m.put("status", c.status().name().toLowerCase());
        m.put("dryRun", c.dryRun());
        m.put("trigger", c.trigger());
        m.put("phase", c.phase());
        m.put("startedAt", c.startedAt());
        m.put("finishedAt", c.finishedAt());
        m.put("statusReason", c.statusReason());
        m.put("batches", Map.of("enqueued", c.batchesEnqueued(), "done", c.batchesDone()));
        Map<String, Long> counts = new LinkedHashMap<>();
        rows(c).forEach(r -> counts.put(camel(r.label()), r.value()));
        m.put("counts", counts);
        m.put("unresolvedCustomRoles", Counts.unresolvedCustomRoles(c.counts()));
        m.put("durationSeconds", seconds(c));
        return m;
    }

    public String status(ProvisioningEngine.JobStatus s) {
        StringBuilder out = new StringBuilder();
        JobState j = s.job();
        String state = j.quarantined() ? "QUARANTINED" : j.paused() ? "PAUSED" : s.current() != null ? "RUNNING" : "IDLE";
        out.append("Provisioning: ").append(state).append('\n');
        Quarantine q = j.quarantine();
        if (q != null) {
            out.append("Quarantine: ").append(q.code()).append(" since ").append(q.since()).append(", ")
                    .append(q.attempts()).append(q.attempts() == 1 ? " attempt" : " attempts").append("; next attempt ")
                    .append(q.nextAttemptAt() == null ? "with the next cycle (cycles are not held back)" : "at " + q.nextAttemptAt())
                    .append('\n').append("  ").append(q.reason()).append('\n');
        }
        out.append("Steady state: ").append(s.steadyState() ? "yes" : "no").append('\n');
        out.append("Watermark: ").append(j.watermark().exists() ? "committed " + j.watermark().committedAt() + " (next cycle is incremental)" : "none (next cycle is initial)").append('\n');
        if (j.heldCycleId() != null) {
            out.append("Held deletions: ").append(j.heldCount()).append(" held by cycle ").append(j.heldCycleId())
                    .append(j.deletionsApproved() ? " (approved: the next cycle makes them)" : " (approve-deletions lets the next cycle make exactly these)")
                    .append('\n');
        }
        out.append("Objects waiting for a retry: ").append(s.escrowed()).append(s.escrowed() == 0 ? "" : " " + s.escrowedByKind()).append('\n');
        if (s.current() != null) out.append("\nCurrent cycle\n").append(summary(s.current()));
        if (s.last() != null) out.append("\nLast cycle\n").append(summary(s.last()));
        if (s.recent().size() > 1) {
            out.append("\nRecent cycles\n");
            for (CycleRecord c : s.recent()) {
                out.append(String.format("  %-32s %-12s %-11s %-10s created %d, updated %d, suspended %d, failed %d%n", c.cycleId(),
                        c.mode().name().toLowerCase(), c.status().name().toLowerCase(), duration(c), ok(c, ProvisioningAction.CREATE),
                        ok(c, ProvisioningAction.UPDATE), ok(c, ProvisioningAction.DISABLE), c.count(Counts.FAILED)));
            }
        }
        return out.toString();
    }

    public Map<String, Object> statusJson(ProvisioningEngine.JobStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        JobState j = s.job();
        m.put("state", j.quarantined() ? "quarantined" : j.paused() ? "paused" : s.current() != null ? "running" : "idle");
        m.put("steadyState", s.steadyState());
        m.put("paused", j.paused());
        m.put("quarantine", quarantineJson(j.quarantine()));
        m.put("watermarkCommittedAt", j.watermark().committedAt());
        m.put("nextCycle", j.watermark().exists() ? "incremental" : "initial");
        m.put("deletionsApproved", j.deletionsApproved());
        if (j.heldCycleId() != null) m.put("heldDeletions", Map.of("cycleId", j.heldCycleId(), "count", j.heldCount(), "approved", j.deletionsApproved()));
        m.put("escrowed", s.escrowed());
        m.put("escrowedByKind", s.escrowedByKind());
        if (s.current() != null) m.put("currentCycle", json(s.current()));
        if (s.last() != null) m.put("lastCycle", json(s.last()));
        m.put("recentCycles", s.recent().stream().map(this::json).toList());
        return m;
    }

    /** The shape agreed with the console: code, reason, since, attempts, nextAttemptAt (absent when it holds no cycle back). */
    private static Map<String, Object> quarantineJson(Quarantine q) {
        if (q == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", q.code());
        m.put("reason", q.reason());
        m.put("since", q.since());
        m.put("attempts", q.attempts());
        m.put("nextAttemptAt", q.nextAttemptAt());
        return m;
    }

    private static long ok(CycleRecord c, ProvisioningAction a) {
        return c.count(Counts.key(a, ProvisioningStatus.SUCCESS));
    }

    private static String camel(String label) {
        String[] words = label.replaceAll("[^A-Za-z0-9 ]", "").toLowerCase().split(" ");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) if (!words[i].isEmpty()) b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        return b.toString();
    }

    private static double seconds(CycleRecord c) {
        Instant end = c.finishedAt() == null ? Instant.now() : c.finishedAt();
        return Duration.between(c.startedAt(), end).toMillis() / 1000.0;
    }

    private static String duration(CycleRecord c) {
        return String.format("%.1f s", seconds(c));
    }
}
