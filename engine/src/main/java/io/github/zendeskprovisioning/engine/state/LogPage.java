package io.github.zendeskprovisioning.engine.state;

import java.util.List;

/** A page of log entries, newest first; {@code continuationToken} null on the last page. */
public record LogPage(List<ProvisioningLogEntry> entries, String continuationToken) {
    public LogPage {
        entries = List.copyOf(entries);
    }
}
