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
import java.util.Set;

/**
 * Groups after their users: each in-scope Entra group becomes one Zendesk group named by its displayName,
 * matched by the stored link, then by name; its memberships follow Entra's direct members. A group that
 * leaves scope is kept in Zendesk (or deleted, when the mapping configuration says so, through the guard).
 * Like user batches, it records its write intents before writing, so a redelivered batch reports what its
 * cut-short delivery wrote.
 *
 * <p>A batch costs the store a bounded number of operations, not a few per group: one read of its groups' links,
 * one query of their assignments, one intents row written before its group writes and once more before its
 * membership writes, one links transaction. So it works in steps over all its groups: decide every group, store the
 * intents, write the groups, store their links; then work out every group's memberships, store those intents,
 * write the memberships. A failure of one group is that group's alone, logged and escrowed, in whichever step.
 */
public final class GroupBatchProcessor {
    private static final String MEMBERSHIPS_FAILED = "some memberships failed (each will be retried in a later cycle): ";

    private final EngineContext ctx;
    private final RecordMapper mapper;
    private final MembershipWriter memberships;
    private final FailureRecorder failures;
    private final GroupLinkReads links;

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
        this.links = new GroupLinkReads(ctx.stores().links());
    }

    /** What one delivery of a batch collects as it goes. */
    private final class Batch {
        final String cycleId;
        final String stepId;
        final boolean dryRun;
        final Intents intents;
        final Counts counts = new Counts();
        final List<ProvisioningLogEntry> entries = new ArrayList<>();
        final List<StagedRemoval> staged = new ArrayList<>();
        final List<Link> released = new ArrayList<>();
        /** Zendesk's groups, listed when a group without an active link is first matched by name; creates are added. */
        List<ZendeskGroup> zendeskGroups;

        Batch(String cycleId, String stepId, boolean dryRun) {
            this.cycleId = cycleId;
            this.stepId = stepId;
            this.dryRun = dryRun;
            this.intents = new Intents(cycleId, stepId, dryRun);
        }
    }

    /** One group of the batch, as the steps decide and write it. */
    private static final class Group {
        final GroupWork work;
        GroupWork g;
        LogEntries log;
        Link link;
        /** What a failure would have been about: a group with no active link was to be created. */
        ProvisioningAction attempted = ProvisioningAction.UPDATE;
        String name;
        String description;
        String hash;
        ProvisioningAction action;
        Long zendeskId;
        boolean sendUpdate;
        List<ModifiedProperty> modified = new ArrayList<>();
        WriteIntent earlier;
        MembershipWriter.Pending pending;
        /** Logged (a failure, a conflict): no later step touches it. */
        boolean done;

        Group(GroupWork work, LogEntries log) {
            this.work = work;
            this.g = work;
            this.log = log;
        }

        boolean linked() {
            return link != null && link.state() == LinkState.ACTIVE;
        }
    }

    public BatchOutcome process(String cycleId, String stepId, String generation, List<GroupWork> work, boolean dryRun) {
        Batch b = new Batch(cycleId, stepId, dryRun);
        List<String> ids = work.stream().map(GroupWork::id).distinct().toList();
        Map<String, Link> found = links.of(ids);
        // A fetched group keeps its id, so the batch's assignments are known before any group is read from Entra.
        Set<String> assigned = ctx.settings().scopeMode() == ScopeMode.ALL_USERS_AND_GROUPS || ids.isEmpty() ? null
                : ctx.stores().scope().assignmentsOf(generation, ids).keySet();
        List<Group> inScope = new ArrayList<>();
        for (GroupWork w : work) {
            b.counts.add(Counts.PROCESSED);
            Group group = new Group(w, new LogEntries(cycleId, stepId, ObjectKind.GROUP, w.id(), w.displayName(), dryRun));
            try {
                if (read(group, found, assigned, b)) inScope.add(group);
            } catch (RuntimeException e) {
                failed(group, e, b);
            }
        }
        for (List<Group> round : rounds(inScope)) writeGroups(round, b);
        writeMemberships(inScope.stream().filter(group -> !group.done).toList(), b);
        ctx.stores().log().append(b.entries);
        // After the log: a batch cut short between the two finds the link still active and logs the same entry again.
        if (!b.released.isEmpty()) ctx.stores().links().upsertAll(b.released);
        return new BatchOutcome(b.entries, b.counts.toMap(), b.staged);
    }

    /** Reads the group (from Entra when it came by id) and decides its scope; returns whether it is in scope. */
    private boolean read(Group group, Map<String, Link> found, Set<String> assigned, Batch b) {
        GroupWork w = group.work;
        if (w.fetch()) {
            // Inside the group's own try: a failed read of one group is that group's failure, retried later, not the batch's.
            EntraGroup fetched = ctx.entra().group(w.id()).orElse(null);
            group.g = fetched == null ? new GroupWork(w.id(), null, null, Removal.HARD_DELETED, false)
                    : new GroupWork(fetched.id(), fetched.displayName(), fetched.description(), Removal.NONE, false);
            group.log = new LogEntries(b.cycleId, b.stepId, ObjectKind.GROUP, group.g.id(), group.g.displayName(), b.dryRun);
        }
        GroupWork g = group.g;
        group.link = found.get(g.id());
        boolean inScope = g.removal() == Removal.NONE && (assigned == null || assigned.contains(g.id()));
        if (!inScope) {
            boolean removalStaged = leaveScope(g, group.link, group.log, b);
            // A retry (by id) of a group that left scope: its memberships need nothing more, nor does the group
            // unless its deletion was staged now (that entry goes when the deletion is made).
            if (w.fetch() && !b.dryRun) {
                if (!removalStaged) failures.succeeded(ObjectKind.GROUP, g.id());
                memberships.forgetRetries(g.id());
            }
            return false;
        }
        if (!group.linked()) group.attempted = ProvisioningAction.CREATE;
        DesiredRecord desired = mapper.map(attr -> switch (attr) {
            case "displayName" -> g.displayName();
            case "description" -> g.description();
            case "id" -> g.id();
            default -> null;
        });
        Map<String, Object> values = desired.forCreate();
        group.name = Objects.toString(values.get("name"), g.id());
        group.description = values.get("description") == null ? null : values.get("description").toString();
        group.hash = ValueHash.of(values);
        return true;
    }

    /**
     * The groups in rounds whose names differ (case aside): a group named like another of the batch is decided only
     * after the other is written, so it matches the Zendesk group just made by name, as a later batch would. Nearly
     * always one round.
     */
    private static List<List<Group>> rounds(List<Group> groups) {
        List<List<Group>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Group group : groups) {
            int round = seen.merge(group.name.toLowerCase(Locale.ROOT), 1, Integer::sum) - 1;
            while (rounds.size() <= round) rounds.add(new ArrayList<>());
            rounds.get(round).add(group);
        }
        return rounds;
    }

    /** Decides each group, stores the intents of all, writes each to Zendesk, then stores the links of all. */
    private void writeGroups(List<Group> round, Batch b) {
        List<Group> decided = new ArrayList<>();
        for (Group group : round) {
            try {
                if (decide(group, b)) decided.add(group);
            } catch (RuntimeException e) {
                failed(group, e, b);
            }
        }
        // Decided first, written after the intents are stored: a redelivery must be able to tell its own earlier writes.
        b.intents.recordAll(decided.stream().filter(group -> group.action != null)
                .map(group -> new WriteIntent(group.g.id(), group.action, group.hash, described(group.action, group.name),
                        group.modified, null)).toList());
        List<Link> written = new ArrayList<>();
        for (Group group : decided) {
            try {
                if (!b.dryRun && group.sendUpdate) ctx.zendesk().updateGroup(group.zendeskId, group.name, group.description);
                if (group.action == ProvisioningAction.CREATE) {
                    if (!b.dryRun) {
                        ZendeskGroup created = ctx.zendesk().createGroup(group.name, group.description);
                        group.zendeskId = created.id();
                        b.zendeskGroups.add(created);
                    }
                    group.log.target(group.zendeskId);
                }
                if (!b.dryRun) {
                    written.add(new Link(ObjectKind.GROUP, group.g.id(), group.zendeskId, LinkState.ACTIVE, null, group.hash,
                            ctx.clock().instant(), null));
                }
            } catch (RuntimeException e) {
                failed(group, e, b);
            }
        }
        // One transaction for the round. A batch cut short before it finds its new groups by name when redelivered,
        // and reports their creation from the intents stored above.
        if (!written.isEmpty()) ctx.stores().links().upsertAll(written);
    }

    /** Matches the group and decides its write; false when it cannot be matched (logged and escrowed here). */
    private boolean decide(Group group, Batch b) {
        LogEntries log = group.log;
        Link link = group.link;
        String name = group.name;
        log.step("scoping", "Success", ctx.settings().scopeMode() == ScopeMode.ALL_USERS_AND_GROUPS
                ? "scope is all users and groups" : "assigned to the Zendesk application");
        if (group.linked()) {
            group.zendeskId = link.zendeskId();
            log.step("matching", "Success", "stored link to Zendesk group " + group.zendeskId).target(group.zendeskId);
            if (!group.hash.equals(link.writtenHash())) {
                group.action = ProvisioningAction.UPDATE;
                group.modified.add(new ModifiedProperty("name", null, name));
                group.sendUpdate = true;
            }
        } else {
            if (b.zendeskGroups == null) b.zendeskGroups = new ArrayList<>(ctx.zendesk().groups());
            List<ZendeskGroup> sameName = b.zendeskGroups.stream().filter(z -> !z.deleted() && z.name() != null
                    && z.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
            if (link != null && sameName.stream().anyMatch(z -> z.id() == link.zendeskId())) {
                group.zendeskId = link.zendeskId();
                group.action = ProvisioningAction.UPDATE;
                log.step("matching", "Success", "group back in scope: stored link to Zendesk group " + group.zendeskId).target(group.zendeskId);
                group.sendUpdate = true;
            } else if (sameName.size() > 1) {
                String reason = "name '" + name + "' matches " + sameName.size() + " Zendesk groups; not guessing which one is this group";
                log.step("matching", "Failure", reason);
                b.entries.add(log.finish(ProvisioningAction.CREATE, ProvisioningStatus.FAILURE, reason, ctx.clock().instant()));
                b.counts.action(ProvisioningAction.CREATE, ProvisioningStatus.FAILURE);
                failures.failed(b.cycleId, ObjectKind.GROUP, group.g.id(), ProvisioningAction.CREATE, "MatchConflict", reason, b.dryRun);
                group.done = true;
                return false;
            } else if (sameName.size() == 1) {
                group.zendeskId = sameName.get(0).id();
                group.action = ProvisioningAction.UPDATE;
                log.step("matching", "Success", "matched by name to Zendesk group " + group.zendeskId).target(group.zendeskId);
                group.sendUpdate = !Objects.equals(sameName.get(0).description(), group.description);
            } else {
                group.action = ProvisioningAction.CREATE;
                log.step("matching", "Success", "no Zendesk group has this name");
                group.modified.add(new ModifiedProperty("name", null, name));
            }
        }
        group.earlier = b.dryRun ? null : b.intents.writtenEarlier(group.g.id(), group.hash, log);
        return true;
    }

    /**
     * Works out every written group's memberships (reads only), stores the intents of the groups whose memberships
     * change, then writes each group's and logs it.
     */
    private void writeMemberships(List<Group> groups, Batch b) {
        if (groups.isEmpty()) return;
        boolean initial = b.intents.initialCycle();
        List<Group> prepared = new ArrayList<>();
        for (Group group : groups) {
            try {
                if (group.zendeskId != null) {
                    group.pending = memberships.prepare(group.g.id(), group.name, group.zendeskId,
                            group.action == ProvisioningAction.CREATE, b.cycleId, b.stepId, b.dryRun, initial, b.entries);
                }
                prepared.add(group);
            } catch (RuntimeException e) {
                failed(group, e, b);
            }
        }
        if (!b.dryRun) {
            b.intents.recordAll(prepared.stream().filter(group -> group.pending != null && group.pending.writes()).map(group -> {
                ProvisioningAction a = group.action == null ? ProvisioningAction.UPDATE : group.action;
                return new WriteIntent(group.g.id(), a, group.hash, described(a, group.name),
                        withMembers(group.modified, group.pending.adding(), group.pending.removing()), null);
            }).toList());
        }
        for (Group group : prepared) {
            try {
                MembershipWriter.Reconciliation r = group.pending == null ? MembershipWriter.Reconciliation.none()
                        : memberships.apply(group.pending, b.cycleId, b.dryRun, group.work.fetch());
                finish(group, r, b);
            } catch (RuntimeException e) {
                failed(group, e, b);
            }
        }
    }

    /** The group's log entry and counts, once its memberships are written. */
    private void finish(Group group, MembershipWriter.Reconciliation r, Batch b) {
        LogEntries log = group.log;
        ProvisioningAction action = group.action;
        List<ModifiedProperty> modified = group.modified;
        if (r.added() > 0 || r.removed() > 0) {
            modified = withMembers(modified, r.added(), r.removed());
            if (action == null) action = ProvisioningAction.UPDATE;
        }
        log.step("memberships", r.failures().isEmpty() ? "Success" : "Warning",
                (b.dryRun ? "would add " : "added ") + r.added() + ", " + (b.dryRun ? "would remove " : "removed ") + r.removed()
                        + ", skipped " + r.skipped() + " end-user member(s)" + (r.failures().isEmpty() ? "" : "; failed: " + r.failures()));
        String done = described(action, group.name);
        WriteIntent earlier = group.earlier;
        if (earlier != null) {
            // Zendesk holds what an earlier, cut-short delivery of this batch wrote: report that write, as it would have.
            action = earlier.action();
            done = earlier.reason();
            boolean membersNamed = earlier.modified().stream().anyMatch(m -> m.name().equals("members"));
            modified = membersNamed || (r.added() == 0 && r.removed() == 0) ? earlier.modified()
                    : withMembers(earlier.modified(), r.added(), r.removed());
            log.step("action", "Success", done + " (by an earlier delivery of this batch, which was cut short)");
        }
        // Only a group that came by id (a retry from escrow, a re-evaluation) or one provisioned on demand can have an
        // escrow entry: the planner sends every group due in escrow by id. One that came in a page of changes while
        // its entry waits out its back-off keeps the entry, and is read again, harmlessly, when it is due.
        if (!b.dryRun && (group.work.fetch() || !b.intents.queued()) && !r.groupEscrowed()) {
            failures.succeeded(ObjectKind.GROUP, group.g.id());
        }
        group.done = true;
        if (action == null) {
            b.counts.add(Counts.UNCHANGED);
            if (!r.failures().isEmpty()) {
                b.entries.add(log.finish(ProvisioningAction.UPDATE, ProvisioningStatus.WARNING, MEMBERSHIPS_FAILED + r.failures(), ctx.clock().instant()));
            }
            return;
        }
        log.modified(modified);
        ProvisioningStatus status = r.failures().isEmpty() ? ProvisioningStatus.SUCCESS : ProvisioningStatus.WARNING;
        String reason = done + (r.failures().isEmpty() ? "" : "; " + MEMBERSHIPS_FAILED + r.failures());
        b.entries.add(log.finish(action, status, reason, ctx.clock().instant()));
        b.counts.action(action, status);
    }

    /** One group's failure: logged, counted and escrowed; the batch goes on with the others. */
    private void failed(Group group, RuntimeException e, Batch b) {
        String reason = e instanceof ZendeskException z ? z.error().description() : String.valueOf(e.getMessage());
        group.log.step("action", "Failure", reason);
        b.entries.add(group.log.finish(group.attempted, ProvisioningStatus.FAILURE, reason + " (will be retried in a later cycle)", ctx.clock().instant()));
        b.counts.action(group.attempted, ProvisioningStatus.FAILURE);
        failures.failed(b.cycleId, ObjectKind.GROUP, group.g.id(), group.attempted, FailureRecorder.codeOf(e), reason, b.dryRun);
        group.done = true;
    }

    /** Returns whether the group's deletion was staged. */
    private boolean leaveScope(GroupWork g, Link link, LogEntries log, Batch b) {
        if (link == null || link.state() != LinkState.ACTIVE) {
            if (releasedInThisCycle(link, b.cycleId)) {
                // A delivery of this batch cut short after its log entry and the link: count what it logged.
                b.counts.action(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED);
            } else {
                b.counts.add(Counts.OUT_OF_SCOPE);
            }
            return false;
        }
        String why = g.removal() != Removal.NONE ? "deleted in Entra" : "no longer assigned to the Zendesk application";
        log.step("scoping", "Skipped", why).target(link.zendeskId());
        if (ctx.settings().mappings().deleteGroups()) {
            b.staged.add(new StagedRemoval(ObjectKind.GROUP, g.id(), g.displayName(), link.zendeskId(), ProvisioningAction.DELETE, why,
                    g.removal() == Removal.NONE));
            b.counts.add(Counts.STAGED);
            return true;
        }
        if (!b.dryRun) b.released.add(link.withState(LinkState.SUSPENDED));
        b.entries.add(log.step("action", "Skipped", "Zendesk group kept (group deletion is off)")
                .finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, why + "; the Zendesk group " + link.zendeskId()
                        + " is kept and no longer managed", ctx.clock().instant()));
        b.counts.action(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED);
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

        /** Whether the batch belongs to a stored cycle (queued), not to provisioning on demand. */
        boolean queued() {
            return cycle().isPresent();
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
         * Stores these intents before the writes they announce: one row for the batch, written once for all of them,
         * and only when that changes it. An earlier delivery's intent for the same values is kept: that delivery's
         * write is the one to report.
         */
        void recordAll(List<WriteIntent> intents) {
            if (intents.isEmpty() || !keeps()) return;
            boolean changed = false;
            for (WriteIntent intent : intents) {
                WriteIntent before = earlier().get(intent.objectId());
                if (before != null && before.writes() && intent.hash().equals(before.hash())) continue;
                if (intent.equals(recorded.get(intent.objectId()))) continue;
                recorded.put(intent.objectId(), intent);
                changed = true;
            }
            if (changed) ctx.stores().cycles().recordIntents(cycleId, stepId, List.copyOf(recorded.values()));
        }
    }
}
