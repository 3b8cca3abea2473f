package io.github.zendeskprovisioning.engine.actions;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.cycle.Counts;
import io.github.zendeskprovisioning.engine.cycle.FailureRecorder;
import io.github.zendeskprovisioning.engine.cycle.LogEntries;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes suspensions ({@code suspended: true}, in bulk) and deletions (soft delete in Zendesk), writes the
 * links and the log entries. Suspension is what leaving scope means; only a hard delete in Entra deletes.
 * A removal that fails is escrowed with its action (a deletion stays a deletion when retried); one that is made
 * ends the escrow entry its object may have (a retried removal, or a failed write the object no longer needs).
 */
public final class RemovalExecutor {
    private final EngineContext ctx;
    private final FailureRecorder failures;

    public RemovalExecutor(EngineContext ctx) {
        this.ctx = ctx;
        this.failures = new FailureRecorder(ctx);
    }

    public List<ProvisioningLogEntry> execute(String cycleId, String stepId, List<StagedRemoval> removals, boolean dryRun, Counts counts) {
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        Map<String, Link> userLinks = ctx.stores().links().find(ObjectKind.USER,
                removals.stream().filter(r -> r.kind() == ObjectKind.USER).map(StagedRemoval::entraId).toList());
        Map<String, Link> groupLinks = ctx.stores().links().find(ObjectKind.GROUP,
                removals.stream().filter(r -> r.kind() == ObjectKind.GROUP).map(StagedRemoval::entraId).toList());
        List<StagedRemoval> suspensions = new ArrayList<>();
        for (StagedRemoval r : removals) {
            LogEntries log = entry(cycleId, stepId, r, dryRun);
            if (dryRun) {
                entries.add(log.step("action", "Success", "would " + verb(r))
                        .finish(r.action(), ProvisioningStatus.SUCCESS, "would " + verb(r) + ": " + r.reason(), ctx.clock().instant()));
                counts.action(r.action(), ProvisioningStatus.SUCCESS);
            } else if (r.action() == ProvisioningAction.DISABLE && r.kind() == ObjectKind.USER) {
                suspensions.add(r);
            } else {
                counts.add(Counts.ATTEMPTED_WRITES);
                try {
                    if (r.kind() == ObjectKind.USER) {
                        UserWriteResult result = ctx.zendesk().deleteUser(r.zendeskId());
                        if (!result.success() && result.error().httpStatus() != 404) throw new ZendeskException(result.error());
                        Link link = userLinks.get(r.entraId());
                        if (link != null) ctx.stores().links().upsertAll(List.of(link.withState(LinkState.DELETED)));
                    } else {
                        ctx.zendesk().deleteGroup(r.zendeskId());
                        ctx.stores().links().delete(ObjectKind.GROUP, r.entraId());
                    }
                    entries.add(log.step("action", "Success", "deleted in Zendesk")
                            .modified(List.of(new ModifiedProperty("active", "true", "false")))
                            .finish(r.action(), ProvisioningStatus.SUCCESS, r.reason(), ctx.clock().instant()));
                    counts.action(r.action(), ProvisioningStatus.SUCCESS);
                    failures.succeeded(r.kind(), r.entraId());
                } catch (RuntimeException e) {
                    entries.add(failed(log, r, e, counts, cycleId));
                }
            }
        }
        suspend(cycleId, stepId, suspensions, userLinks, entries, counts);
        ctx.stores().log().append(entries);
        return entries;
    }

    private void suspend(String cycleId, String stepId, List<StagedRemoval> suspensions, Map<String, Link> links,
                         List<ProvisioningLogEntry> entries, Counts counts) {
        if (suspensions.isEmpty()) return;
        List<UserUpdate> updates = suspensions.stream()
                .map(r -> new UserUpdate(r.zendeskId(), ZendeskUserFields.of(Map.of("suspended", true)))).toList();
        counts.add(Counts.ATTEMPTED_WRITES, suspensions.size());
        List<UserWriteResult> results;
        try {
            results = ctx.zendesk().updateUsers(updates);
        } catch (RuntimeException e) {
            for (StagedRemoval r : suspensions) entries.add(failed(entry(cycleId, stepId, r, false), r, e, counts, cycleId));
            return;
        }
        List<Link> written = new ArrayList<>();
        List<StagedRemoval> succeeded = new ArrayList<>();
        for (int i = 0; i < suspensions.size(); i++) {
            StagedRemoval r = suspensions.get(i);
            UserWriteResult result = i < results.size() ? results.get(i) : null;
            LogEntries log = entry(cycleId, stepId, r, false);
            if (result != null && result.success()) {
                Link link = links.get(r.entraId());
                if (link != null) written.add(link.withState(LinkState.SUSPENDED));
                entries.add(log.step("action", "Success", "suspended Zendesk user " + r.zendeskId())
                        .modified(List.of(new ModifiedProperty("suspended", "false", "true")))
                        .finish(ProvisioningAction.DISABLE, ProvisioningStatus.SUCCESS, r.reason(), ctx.clock().instant()));
                counts.action(ProvisioningAction.DISABLE, ProvisioningStatus.SUCCESS);
                succeeded.add(r);
            } else {
                RuntimeException e = new ZendeskException(result == null ? new io.github.zendeskprovisioning.engine.target.ZendeskError(
                        0, "NoResult", "Zendesk returned no result for this user", List.of(), true) : result.error());
                entries.add(failed(log, r, e, counts, cycleId));
            }
        }
        if (!written.isEmpty()) ctx.stores().links().upsertAll(written);
        // After the links: an escrow entry outlives a crash before them, and its retry then finds the suspension made.
        succeeded.forEach(r -> failures.succeeded(r.kind(), r.entraId()));
    }

    private LogEntries entry(String cycleId, String stepId, StagedRemoval r, boolean dryRun) {
        return new LogEntries(cycleId, stepId, r.kind(), r.entraId(), r.sourceName(), dryRun).target(r.zendeskId())
                .step("scoping", "Skipped", r.reason())
                .step("matching", "Success", "stored link to Zendesk " + (r.kind() == ObjectKind.USER ? "user " : "group ") + r.zendeskId());
    }

    private ProvisioningLogEntry failed(LogEntries log, StagedRemoval r, RuntimeException e, Counts counts, String cycleId) {
        String reason = e instanceof ZendeskException z ? z.error().description() : String.valueOf(e.getMessage());
        if (e instanceof ZendeskException z && z.credentialsRejected()) counts.add(Counts.CREDENTIAL_FAILURES);
        counts.action(r.action(), ProvisioningStatus.FAILURE);
        failures.failed(cycleId, r.kind(), r.entraId(), r.action(), FailureRecorder.codeOf(e), reason, false);
        return log.step("action", "Failure", reason)
                .finish(r.action(), ProvisioningStatus.FAILURE, reason + " (will be retried in a later cycle)", ctx.clock().instant());
    }

    private static String verb(StagedRemoval r) {
        return r.action() == ProvisioningAction.DISABLE ? "suspend" : "delete";
    }
}
