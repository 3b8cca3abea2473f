package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;

import java.util.List;

/** The provisioning logs: one entry per object per cycle, queryable by cycle, object, status and action. */
public interface ProvisioningLog {

    /** Appends entries; writing the same changeId twice keeps one entry (replays are harmless). */
    void append(List<ProvisioningLogEntry> entries);

    /** Matching entries, newest first, {@code top} at most per page. */
    LogPage query(LogQuery query, int top, String continuationToken);

    void clear();
}
