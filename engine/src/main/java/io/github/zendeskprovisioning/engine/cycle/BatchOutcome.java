package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;

import java.util.List;
import java.util.Map;

/** What one batch did: its log entries (already stored), its counters, and the removals it staged. */
public record BatchOutcome(List<ProvisioningLogEntry> entries, Map<String, Long> counts, List<StagedRemoval> staged) {
    public BatchOutcome {
        entries = List.copyOf(entries);
        counts = Map.copyOf(counts);
        staged = List.copyOf(staged);
    }
}
