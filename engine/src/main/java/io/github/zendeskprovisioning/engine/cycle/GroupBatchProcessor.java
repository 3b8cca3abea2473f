package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.cycle.messages.GroupWork;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.directory.EntraGroup;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.mapping.DesiredRecord;
import io.github.zendeskprovisioning.engine.mapping.RecordMapper;
import io.github.zendeskprovisioning.engine.mapping.ValueHash;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import io.github.zendeskprovisioning.engine.target.ZendeskException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Groups after their users: each in-scope Entra group becomes one Zendesk group named by its displayName,
 * matched by the stored link, then by name; its memberships follow Entra's direct members. A group that
 * leaves scope is kept in Zendesk (or deleted, when the mapping configuration says so, through the guard).
 */
public final class GroupBatchProcessor {
    private static final String MEMBERSHIPS_FAILED = "some memberships failed (each will be retried in a later cycle): ";

    private final EngineContext ctx;
    private final RecordMapper mapper;
    private final MembershipWriter memberships;
    private final FailureRecorder failures;

    public GroupBatchProcessor(EngineContext ctx) {
        this.ctx = ctx;
        this.mapper = new RecordMapper(ctx.settings().mappings().groupMappings());
        this.memberships = new MembershipWriter(ctx);
        this.failures = new FailureRecorder(ctx);
    }

    public BatchOutcome process(String cycleId, String stepId, String generation, List<GroupWork> work, boolean dryRun) {
        Counts counts = new Counts();
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        List<StagedRemoval> staged = new ArrayList<>();
        Map<String, Link> links = ctx.stores().links().find(ObjectKind.GROUP, work.stream().map(GroupWork::id).toList());
        List<ZendeskGroup> zendeskGroups = null;
        for (GroupWork w : work) {
            counts.add(Counts.PROCESSED);
            GroupWork g = w;
            LogEntries log = new LogEntries(cycleId, stepId, ObjectKind.GROUP, w.id(), w.displayName(), dryRun);
            // What a failure would have been about: a group with no active link was to be created.
            ProvisioningAction attempted = ProvisioningAction.UPDATE;
            try {
                if (w.fetch()) {
                    // Inside the try: a failed read of one group is that group's failure, retried later, not the batch's.
                    EntraGroup found = ctx.entra().group(w.id()).orElse(null);
                    g = found == null ? new GroupWork(w.id(), null, null, Removal.HARD_DELETED, false)
                            : new GroupWork(found.id(), found.displayName(), found.description(), Removal.NONE, false);
                    log = new LogEntries(cycleId, stepId, ObjectKind.GROUP, g.id(), g.displayName(), dryRun);
                }
                Link link = links.get(g.id());
                boolean inScope = g.removal() == Removal.NONE && (ctx.settings().scopeMode() == ScopeMode.ALL_USERS_AND_GROUPS
                        || !ctx.stores().scope().assignmentsOf(generation, List.of(g.id())).isEmpty());
                if (!inScope) {
                    boolean removalStaged = leaveScope(g, link, log, staged, entries, counts, dryRun);
                    // A retry (by id) of a group that left scope: its memberships need nothing more, nor does the group
                    // unless its deletion was staged now (that entry goes when the deletion is made).
                    if (w.fetch() && !dryRun) {
                        if (!removalStaged) failures.succeeded(ObjectKind.GROUP, g.id());
                        memberships.forgetRetries(g.id());
                    }
                    continue;
                }
                if (link == null || link.state() != LinkState.ACTIVE) attempted = ProvisioningAction.CREATE;
                if (zendeskGroups == null && (link == null || link.state() != LinkState.ACTIVE)) zendeskGroups = new ArrayList<>(ctx.zendesk().groups());
                provision(g, link, zendeskGroups, log, entries, counts, cycleId, stepId, dryRun, w.fetch());
            } catch (RuntimeException e) {
                String reason = e instanceof ZendeskException z ? z.error().description() : String.valueOf(e.getMessage());
                log.step("action", "Failure", reason);
                entries.add(log.finish(attempted, ProvisioningStatus.FAILURE, reason + " (will be retried in a later cycle)", ctx.clock().instant()));
                counts.action(attempted, ProvisioningStatus.FAILURE);
                failures.failed(cycleId, ObjectKind.GROUP, g.id(), attempted, FailureRecorder.codeOf(e), reason, dryRun);
            }
        }
        ctx.stores().log().append(entries);
        return new BatchOutcome(entries, counts.toMap(), staged);
    }

    /** Returns whether the group's deletion was staged. */
    private boolean leaveScope(GroupWork g, Link link, LogEntries log, List<StagedRemoval> staged,
                               List<ProvisioningLogEntry> entries, Counts counts, boolean dryRun) {
        if (link == null || link.state() != LinkState.ACTIVE) {
            counts.add(Counts.OUT_OF_SCOPE);
            return false;
        }
        String why = g.removal() != Removal.NONE ? "deleted in Entra" : "no longer assigned to the Zendesk application";
        log.step("scoping", "Skipped", why).target(link.zendeskId());
        if (ctx.settings().mappings().deleteGroups()) {
            staged.add(new StagedRemoval(ObjectKind.GROUP, g.id(), g.displayName(), link.zendeskId(), ProvisioningAction.DELETE, why,
                    g.removal() == Removal.NONE));
            counts.add(Counts.STAGED);
            return true;
        }
        if (!dryRun) ctx.stores().links().upsertAll(List.of(link.withState(LinkState.SUSPENDED)));
        entries.add(log.step("action", "Skipped", "Zendesk group kept (group deletion is off)")
                .finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, why + "; the Zendesk group " + link.zendeskId()
                        + " is kept and no longer managed", ctx.clock().instant()));
        counts.action(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED);
        return false;
    }

    /** {@code retrying}: the group came by id (a retry from escrow, or a re-evaluation), so escrow entries may name it. */
    private void provision(GroupWork g, Link link, List<ZendeskGroup> zendeskGroups, LogEntries log,
                           List<ProvisioningLogEntry> entries, Counts counts, String cycleId, String stepId, boolean dryRun,
                           boolean retrying) {
        DesiredRecord desired = mapper.map(attr -> switch (attr) {
            case "displayName" -> g.displayName();
            case "description" -> g.description();
            case "id" -> g.id();
            default -> null;
        });
        Map<String, Object> values = desired.forCreate();
        String name = Objects.toString(values.get("name"), g.id());
        String description = values.get("description") == null ? null : values.get("description").toString();
        String hash = ValueHash.of(values);
        log.step("scoping", "Success", ctx.settings().scopeMode() == ScopeMode.ALL_USERS_AND_GROUPS
                ? "scope is all users and groups" : "assigned to the Zendesk application");

        ProvisioningAction action;
        Long zendeskId;
        List<ModifiedProperty> modified = new ArrayList<>();
        if (link != null && link.state() == LinkState.ACTIVE) {
            zendeskId = link.zendeskId();
            log.step("matching", "Success", "stored link to Zendesk group " + zendeskId).target(zendeskId);
            if (!hash.equals(link.writtenHash())) {
                action = ProvisioningAction.UPDATE;
                modified.add(new ModifiedProperty("name", null, name));
                if (!dryRun) ctx.zendesk().updateGroup(zendeskId, name, description);
            } else {
                action = null;
            }
        } else {
            List<ZendeskGroup> sameName = zendeskGroups.stream().filter(z -> !z.deleted() && z.name() != null
                    && z.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
            if (link != null && sameName.stream().anyMatch(z -> z.id() == link.zendeskId())) {
                zendeskId = link.zendeskId();
                action = ProvisioningAction.UPDATE;
                log.step("matching", "Success", "group back in scope: stored link to Zendesk group " + zendeskId).target(zendeskId);
                if (!dryRun) ctx.zendesk().updateGroup(zendeskId, name, description);
            } else if (sameName.size() > 1) {
                String reason = "name '" + name + "' matches " + sameName.size() + " Zendesk groups; not guessing which one is this group";
                log.step("matching", "Failure", reason);
                entries.add(log.finish(ProvisioningAction.CREATE, ProvisioningStatus.FAILURE, reason, ctx.clock().instant()));
                counts.action(ProvisioningAction.CREATE, ProvisioningStatus.FAILURE);
                failures.failed(cycleId, ObjectKind.GROUP, g.id(), ProvisioningAction.CREATE, "MatchConflict", reason, dryRun);
                return;
            } else if (sameName.size() == 1) {
                zendeskId = sameName.get(0).id();
                action = ProvisioningAction.UPDATE;
                log.step("matching", "Success", "matched by name to Zendesk group " + zendeskId).target(zendeskId);
                if (!dryRun && !Objects.equals(sameName.get(0).description(), description)) ctx.zendesk().updateGroup(zendeskId, name, description);
            } else {
                action = ProvisioningAction.CREATE;
                log.step("matching", "Success", "no Zendesk group has this name");
                modified.add(new ModifiedProperty("name", null, name));
                if (dryRun) {
                    zendeskId = null;
                } else {
                    ZendeskGroup created = ctx.zendesk().createGroup(name, description);
                    zendeskId = created.id();
                    zendeskGroups.add(created);
                }
                log.target(zendeskId);
            }
        }
        if (!dryRun) {
            ctx.stores().links().upsertAll(List.of(new Link(ObjectKind.GROUP, g.id(), zendeskId, LinkState.ACTIVE, null, hash,
                    ctx.clock().instant(), null)));
        }
        MembershipWriter.Reconciliation r = zendeskId == null
                ? MembershipWriter.Reconciliation.none()
                : memberships.reconcile(g.id(), name, zendeskId, action == ProvisioningAction.CREATE, cycleId, stepId, dryRun,
                retrying, entries);
        if (r.added() > 0 || r.removed() > 0) {
            modified.add(new ModifiedProperty("members", null, "added " + r.added() + ", removed " + r.removed()));
            if (action == null) action = ProvisioningAction.UPDATE;
        }
        log.step("memberships", r.failures().isEmpty() ? "Success" : "Warning",
                (dryRun ? "would add " : "added ") + r.added() + ", " + (dryRun ? "would remove " : "removed ") + r.removed()
                        + ", skipped " + r.skipped() + " end-user member(s)" + (r.failures().isEmpty() ? "" : "; failed: " + r.failures()));
        if (!dryRun && (action != null || retrying) && !r.groupEscrowed()) failures.succeeded(ObjectKind.GROUP, g.id());
        if (action == null) {
            counts.add(Counts.UNCHANGED);
            if (!r.failures().isEmpty()) {
                entries.add(log.finish(ProvisioningAction.UPDATE, ProvisioningStatus.WARNING, MEMBERSHIPS_FAILED + r.failures(), ctx.clock().instant()));
            }
            return;
        }
        log.modified(modified);
        ProvisioningStatus status = r.failures().isEmpty() ? ProvisioningStatus.SUCCESS : ProvisioningStatus.WARNING;
        String reason = (action == ProvisioningAction.CREATE ? "created" : "updated") + " Zendesk group '" + name + "'"
                + (r.failures().isEmpty() ? "" : "; " + MEMBERSHIPS_FAILED + r.failures());
        entries.add(log.finish(action, status, reason, ctx.clock().instant()));
        counts.action(action, status);
    }
}
