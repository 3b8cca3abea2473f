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
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.WriteIntent;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import io.github.zendeskprovisioning.engine.target.ZendeskException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Groups after their users: each in-scope Entra group becomes one Zendesk group named by its displayName,
 * matched by the stored link, then by name; its memberships follow Entra's direct members. A group that
 * leaves scope is kept in Zendesk (or deleted, when the mapping configuration says so, through the guard).
 * Like user batches, it records its write intents before writing, so a redelivered batch reports what its
 * cut-short delivery wrote.
 */
public final class GroupBatchProcessor {
    private static final String MEMBERSHIPS_FAILED = "some memberships failed (each will be retried in a later cycle): ";

    private final EngineContext ctx;
    private final RecordMapper mapper;
    private final MembershipWriter memberships;
    private final FailureRecorder failures;

    /** A processor with copies of its own (provisioning on demand, which runs no initial cycle). */
    public GroupBatchProcessor(EngineContext ctx) {
        this(ctx, new TenantCopies(ctx.stores()));
    }

    /** {@code copies}: the engine's, shared with its user batches. */
    public GroupBatchProcessor(EngineContext ctx, TenantCopies copies) {
        this.ctx = ctx;
        this.mapper = new RecordMapper(ctx.settings().mappings().groupMappings());
        this.memberships = new MembershipWriter(ctx, copies);
        this.failures = new FailureRecorder(ctx);
    }

    public BatchOutcome process(String cycleId, String stepId, String generation, List<GroupWork> work, boolean dryRun) {
        Counts counts = new Counts();
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        List<StagedRemoval> staged = new ArrayList<>();
        Map<String, Link> links = ctx.stores().links().find(ObjectKind.GROUP, work.stream().map(GroupWork::id).toList());
        List<ZendeskGroup> zendeskGroups = null;
        Intents intents = new Intents(cycleId, stepId, dryRun);
        List<Link> released = new ArrayList<>();
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
                    boolean removalStaged = leaveScope(g, link, log, staged, entries, counts, dryRun, released, cycleId);
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
                provision(g, link, zendeskGroups, log, entries, counts, cycleId, stepId, dryRun, w.fetch(), intents);
            } catch (RuntimeException e) {
                String reason = e instanceof ZendeskException z ? z.error().description() : String.valueOf(e.getMessage());
                log.step("action", "Failure", reason);
                entries.add(log.finish(attempted, ProvisioningStatus.FAILURE, reason + " (will be retried in a later cycle)", ctx.clock().instant()));
                counts.action(attempted, ProvisioningStatus.FAILURE);
                failures.failed(cycleId, ObjectKind.GROUP, g.id(), attempted, FailureRecorder.codeOf(e), reason, dryRun);
            }
        }
        ctx.stores().log().append(entries);
        // After the log: a batch cut short between the two finds the link still active and logs the same entry again.
        if (!released.isEmpty()) ctx.stores().links().upsertAll(released);
        return new BatchOutcome(entries, counts.toMap(), staged);
    }

    /** Returns whether the group's deletion was staged. */
    private boolean leaveScope(GroupWork g, Link link, LogEntries log, List<StagedRemoval> staged,
                               List<ProvisioningLogEntry> entries, Counts counts, boolean dryRun, List<Link> released,
                               String cycleId) {
        if (link == null || link.state() != LinkState.ACTIVE) {
            if (releasedInThisCycle(link, cycleId)) {
                // A delivery of this batch cut short after its log entry and the link: count what it logged.
                counts.action(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED);
            } else {
                counts.add(Counts.OUT_OF_SCOPE);
            }
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
        if (!dryRun) released.add(link.withState(LinkState.SUSPENDED));
        entries.add(log.step("action", "Skipped", "Zendesk group kept (group deletion is off)")
                .finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, why + "; the Zendesk group " + link.zendeskId()
                        + " is kept and no longer managed", ctx.clock().instant()));
        counts.action(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED);
        return false;
    }

    /**
     * Whether this cycle already released the group (a delivery of this batch cut short after its log entry and the
     * link): only then does a suspended link come with a log entry of this cycle saying so. Asked only of groups
     * whose link is suspended, which are few.
     */
    private boolean releasedInThisCycle(Link link, String cycleId) {
        if (link == null || link.state() != LinkState.SUSPENDED) return false;
        return ctx.stores().log().query(new LogQuery(cycleId, link.entraId(), null, null), 50, null).entries().stream()
                .anyMatch(e -> e.action() == ProvisioningAction.SKIP && e.kind() == ObjectKind.GROUP);
    }

    /** {@code retrying}: the group came by id (a retry from escrow, or a re-evaluation), so escrow entries may name it. */
    private void provision(GroupWork g, Link link, List<ZendeskGroup> zendeskGroups, LogEntries log,
                           List<ProvisioningLogEntry> entries, Counts counts, String cycleId, String stepId, boolean dryRun,
                           boolean retrying, Intents intents) {
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

        // Decided first, written after the intent is stored: a redelivery must be able to tell its own earlier write.
        ProvisioningAction action;
        Long zendeskId;
        boolean sendUpdate = false;
        List<ModifiedProperty> modified = new ArrayList<>();
        if (link != null && link.state() == LinkState.ACTIVE) {
            zendeskId = link.zendeskId();
            log.step("matching", "Success", "stored link to Zendesk group " + zendeskId).target(zendeskId);
            if (!hash.equals(link.writtenHash())) {
                action = ProvisioningAction.UPDATE;
                modified.add(new ModifiedProperty("name", null, name));
                sendUpdate = true;
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
                sendUpdate = true;
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
                sendUpdate = !Objects.equals(sameName.get(0).description(), description);
            } else {
                zendeskId = null;
                action = ProvisioningAction.CREATE;
                log.step("matching", "Success", "no Zendesk group has this name");
                modified.add(new ModifiedProperty("name", null, name));
            }
        }
        WriteIntent earlier = dryRun ? null : intents.writtenEarlier(g.id(), hash, log);
        if (!dryRun && action != null) intents.record(new WriteIntent(g.id(), action, hash, described(action, name), modified, null));
        if (!dryRun && sendUpdate) ctx.zendesk().updateGroup(zendeskId, name, description);
        if (action == ProvisioningAction.CREATE) {
            if (!dryRun) {
                ZendeskGroup created = ctx.zendesk().createGroup(name, description);
                zendeskId = created.id();
                zendeskGroups.add(created);
            }
            log.target(zendeskId);
        }
        if (!dryRun) {
            ctx.stores().links().upsertAll(List.of(new Link(ObjectKind.GROUP, g.id(), zendeskId, LinkState.ACTIVE, null, hash,
                    ctx.clock().instant(), null)));
        }
        ProvisioningAction planned = action;
        List<ModifiedProperty> plannedModified = List.copyOf(modified);
        MembershipWriter.Reconciliation r = zendeskId == null
                ? MembershipWriter.Reconciliation.none()
                : memberships.reconcile(g.id(), name, zendeskId, action == ProvisioningAction.CREATE, cycleId, stepId, dryRun,
                retrying, intents.initialCycle(), entries, (adding, removing) -> {
                    ProvisioningAction a = planned == null ? ProvisioningAction.UPDATE : planned;
                    intents.record(new WriteIntent(g.id(), a, hash, described(a, name),
                            withMembers(plannedModified, adding, removing), null));
                });
        if (r.added() > 0 || r.removed() > 0) {
            modified = withMembers(modified, r.added(), r.removed());
            if (action == null) action = ProvisioningAction.UPDATE;
        }
        log.step("memberships", r.failures().isEmpty() ? "Success" : "Warning",
                (dryRun ? "would add " : "added ") + r.added() + ", " + (dryRun ? "would remove " : "removed ") + r.removed()
                        + ", skipped " + r.skipped() + " end-user member(s)" + (r.failures().isEmpty() ? "" : "; failed: " + r.failures()));
        String done = described(action, name);
        if (earlier != null) {
            // Zendesk holds what an earlier, cut-short delivery of this batch wrote: report that write, as it would have.
            action = earlier.action();
            done = earlier.reason();
            boolean membersNamed = earlier.modified().stream().anyMatch(m -> m.name().equals("members"));
            modified = membersNamed || (r.added() == 0 && r.removed() == 0) ? earlier.modified()
                    : withMembers(earlier.modified(), r.added(), r.removed());
            log.step("action", "Success", done + " (by an earlier delivery of this batch, which was cut short)");
        }
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
        String reason = done + (r.failures().isEmpty() ? "" : "; " + MEMBERSHIPS_FAILED + r.failures());
        entries.add(log.finish(action, status, reason, ctx.clock().instant()));
        counts.action(action, status);
    }

    private static String described(ProvisioningAction action, String name) {
        return (action == ProvisioningAction.CREATE ? "created" : "updated") + " Zendesk group '" + name + "'";
    }

    private static List<ModifiedProperty> withMembers(List<ModifiedProperty> modified, int added, int removed) {
        List<ModifiedProperty> all = new ArrayList<>(modified);
        all.add(new ModifiedProperty("members", null, "added " + added + ", removed " + removed));
        return all;
    }

    /**
     * The write intents of one group batch (see {@link WriteIntent}): stored before the batch writes a group, its link
     * or its memberships, so that a redelivery finding Zendesk as desired reports the write its cut-short delivery
     * made, with the same change id, instead of "unchanged". Read once, when first needed.
     */
    private final class Intents {
        private final String cycleId;
        private final String stepId;
        private final boolean dryRun;
        private Optional<CycleRecord> cycle;
        private Map<String, WriteIntent> earlier;
        private Map<String, WriteIntent> recorded;

        Intents(String cycleId, String stepId, boolean dryRun) {
            this.cycleId = cycleId;
            this.stepId = stepId;
            this.dryRun = dryRun;
        }

        /** Only a queued batch of a stored cycle is delivered again; a dry run and provisioning on demand are not. */
        private boolean keeps() {
            return !dryRun && cycle().isPresent();
        }

        /** Whether the batch belongs to an initial cycle: then its members' links come from the engine's copy. */
        boolean initialCycle() {
            return cycle().map(c -> c.mode() == CycleMode.INITIAL).orElse(false);
        }

        private Optional<CycleRecord> cycle() {
            if (cycle == null) cycle = ctx.stores().cycles().find(cycleId);
            return cycle;
        }

        private Map<String, WriteIntent> earlier() {
            if (earlier == null) {
                earlier = new HashMap<>();
                if (keeps()) ctx.stores().cycles().intents(cycleId, stepId).forEach(i -> earlier.put(i.objectId(), i));
                recorded = new LinkedHashMap<>(earlier);
            }
            return earlier;
        }

        /**
         * The write an earlier delivery of this batch was about to make for the group, for these very values (the
         * hash), or null; also null when another batch of the cycle logged a write of the group (that entry stands).
         */
        WriteIntent writtenEarlier(String groupId, String hash, LogEntries log) {
            if (!keeps()) return null;
            WriteIntent i = earlier().get(groupId);
            if (i == null || !i.writes() || !hash.equals(i.hash())) return null;
            String mine = log.finish(i.action(), ProvisioningStatus.SUCCESS, null, ctx.clock().instant()).changeId();
            boolean loggedElsewhere = ctx.stores().log().query(new LogQuery(cycleId, groupId, null, null), 50, null).entries().stream()
                    .anyMatch(e -> !e.changeId().equals(mine) && e.status() != ProvisioningStatus.FAILURE
                            && (e.action() == ProvisioningAction.CREATE || e.action() == ProvisioningAction.UPDATE));
            return loggedElsewhere ? null : i;
        }

        /**
         * Stores the intent before the write it announces (one row for the batch, only when that changes it). An
         * earlier delivery's intent for the same values is kept: that delivery's write is the one to report.
         */
        void record(WriteIntent intent) {
            if (!keeps()) return;
            WriteIntent before = earlier().get(intent.objectId());
            if (before != null && before.writes() && intent.hash().equals(before.hash())) return;
            if (intent.equals(recorded.get(intent.objectId()))) return;
            recorded.put(intent.objectId(), intent);
            ctx.stores().cycles().recordIntents(cycleId, stepId, List.copyOf(recorded.values()));
        }
    }
}
