package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.cycle.messages.GroupWork;
import io.github.zendeskprovisioning.engine.cycle.messages.Phase;
import io.github.zendeskprovisioning.engine.cycle.messages.PlanStep;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.cycle.messages.UserBatch;
import io.github.zendeskprovisioning.engine.cycle.messages.UserWork;
import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.directory.GroupChange;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.directory.UserChange;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.MemberPage;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.Watermark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The planning chain: each message reads one page of Entra, sends the work it finds as batches, and sends
 * the next planning message, so no invocation holds the whole tenant or runs long. Order matters: the
 * assignment snapshot and the group memberships are brought up to date before any user is evaluated, and
 * groups are written only after every user batch is done (CycleProgress moves the phases on).
 */
public final class CyclePlanner {
    static final int BATCH_SIZE = WorkBatches.BATCH_SIZE;
    private static final int ESCROW_PER_CYCLE = 2_000;
    /** What {@code CycleStore.carryWork} takes. */
    private static final int CARRIED_MAX_CHARS = 60_000;
    /** Links read and checked against Entra per orphans step: one store page (the reader asks Graph 300 at a time). */
    static final int ORPHANS_PER_STEP = io.github.zendeskprovisioning.engine.ports.LinkStore.MAX_PAGE;
    /** Stored members of a changed group re-evaluated per step: one store read and five work batches. */
    static final int MEMBERS_PER_STEP = 500;
    /** Marks an ASSIGNMENT_CHANGES cursor that walks a changed group's stored members (else: a new group's Graph pages). */
    private static final String STORED = "u";

    private final EngineContext ctx;
    private final CycleQueues queues;
    private final CycleProgress progress;
    private final WorkBatches workBatches;
    private final InitialCandidates candidates;
    private final TenantCopies copies;
    private final GroupLinkReads groupLinks;

    public CyclePlanner(EngineContext ctx, CycleQueues queues, CycleProgress progress, TenantCopies copies) {
        this.ctx = ctx;
        this.queues = queues;
        this.progress = progress;
        this.workBatches = new WorkBatches(queues);
        this.candidates = new InitialCandidates(copies, ctx.settings().mappings().defaultAccessInScope());
        this.copies = copies;
        this.groupLinks = new GroupLinkReads(ctx.stores().links());
    }

    /**
     * Plans one step. {@code claimed}: the cycle record as this delivery's claim on the step stored it (with its etag,
     * so completing the step needs no read of it first, unless a batch moved it on meanwhile); {@code meter}: the
     * requests of this delivery, counted into the cycle with the step's completion (one write, counted once).
     */
    public void handle(PlanStep step, CycleRecord claimed, RequestMeter meter) {
        if (claimed.finishedAt() != null) return; // a cycle that was ended (restart) or finished: nothing to do
        At at = new At(claimed, meter);
        switch (step.phase()) {
            case ASSIGNMENTS -> assignments(step, at);
            case MEMBERSHIPS -> memberships(step, at);
            case ASSIGNMENT_CHANGES -> assignmentChanges(step, at);
            case ESCROW -> escrow(step, at);
            case USERS -> users(step, at);
            case ORPHANS -> orphans(step, at);
            case GROUPS -> groups(step, at);
            case FINISH -> throw new IllegalArgumentException("the finish step is not a planning step");
        }
    }

    /** The cycle as the step's claim left it, and the delivery's request meter. */
    private record At(CycleRecord cycle, RequestMeter meter) {
    }

    /** Completes the step from the claimed record, with the requests the delivery made added to its counts. */
    private Optional<CycleRecord> done(At at, PlanStep step, int batches, Map<String, Long> counts,
                                       UnaryOperator<CycleRecord> also, PlanStep successor) {
        return progress.planStepDone(step, at.cycle(), batches, Counts.merge(counts, at.meter().since()), also, successor);
    }

    private String servicePrincipal() {
        return ctx.settings().servicePrincipalId();
    }

    private void assignments(PlanStep step, At at) {
        RoleContext roles = step.roles();
        if (step.step() == 0) {
            List<AppRole> appRoles = servicePrincipal() == null ? List.of() : ctx.entra().appRoles(servicePrincipal());
            roles = new RoleContext(appRoles, Reads.customRolesFor(appRoles, ctx.zendesk()));
            step = new PlanStep(step.cycleId(), step.phase(), 0, null, roles);
        }
        String next = null;
        if (servicePrincipal() != null) {
            Page<Assignment> page = ctx.entra().assignments(servicePrincipal(), step.cursor());
            ctx.stores().scope().saveAssignments(step.cycleId(), page.items());
            next = page.nextPageToken();
        }
        PlanStep following = next != null ? step.next(next) : step.then(Phase.MEMBERSHIPS);
        done(at, step, 0, Map.of(), r -> r.withPhase(Phase.ASSIGNMENTS.name(), false), following);
    }

    private void memberships(PlanStep step, At at) {
        CycleRecord cycle = at.cycle();
        String start = step.cursor() != null ? step.cursor() : groupsStartToken(cycle);
        Page<GroupChange> page = ctx.entra().groupChanges(start);
        Set<String> assigned = assignedAmong(step.cycleId(), page.items().stream().map(GroupChange::id).toList());
        Set<String> reevaluate = new LinkedHashSet<>();
        Map<String, List<String>> added = new java.util.LinkedHashMap<>();
        for (GroupChange change : page.items()) {
            if (change.removal() != Removal.NONE) {
                added.remove(change.id()); // an earlier change of the page added to a group now gone
                reevaluate.addAll(ctx.stores().scope().membersOf(change.id()));
                // With assigned groups the memberships stay until the cycle commits (its deleted assignment
                // already grants nothing): a cycle that does not commit leaves them for the next to find again.
                if (ctx.settings().scopeMode() == ScopeMode.ALL_USERS_AND_GROUPS) ctx.stores().scope().removeGroup(change.id());
            } else if (assigned.contains(change.id())) {
                if (!change.membersAdded().isEmpty()) added.computeIfAbsent(change.id(), g -> new ArrayList<>()).addAll(change.membersAdded());
                if (!change.membersRemoved().isEmpty()) {
                    // A removal undoes an add of an earlier change of the same page, which is not written yet.
                    List<String> pending = added.get(change.id());
                    if (pending != null) pending.removeAll(change.membersRemoved());
                    ctx.stores().scope().removeMembers(change.id(), change.membersRemoved());
                }
                reevaluate.addAll(change.membersAdded());
                reevaluate.addAll(change.membersRemoved());
            }
        }
        // One write for the page's added members: the by-user rows of all its groups share transactions (removals
        // of the same page were taken out of them above, so the page's last word on each member stands).
        added.values().removeIf(List::isEmpty);
        if (!added.isEmpty()) ctx.stores().scope().addMembers(added);
        // On the initial round every user is read anyway, so membership changes need no separate re-evaluation.
        int batches = cycle.mode() == CycleMode.INITIAL ? 0 : workBatches.users(step, "members", WorkBatches.byIds(reevaluate));
        if (page.last()) {
            String delta = requireDelta(page, "groups");
            done(at, step, batches, Map.of(), r -> r.withPendingWatermark(withGroups(r.pendingWatermark(), delta)),
                    step.then(Phase.ASSIGNMENT_CHANGES));
        } else {
            done(at, step, batches, Map.of(), UnaryOperator.identity(), step.next(page.nextPageToken()));
        }
    }

    /**
     * Step 0 compares the new assignment snapshot with the committed one and re-evaluates the users it touches
     * directly. Then, one bounded store page per step, the stored members of every other changed group (an
     * unassigned one, or one whose role changed): cursor {@code u<index of the group>|<store continuation>}.
     * Last, each newly assigned group's members (not tracked before) are read one Graph page per step, cursor
     * {@code <index of the group>|<page token>}. So a group of any size costs one bounded message per page.
     */
    private void assignmentChanges(PlanStep step, At at) {
        CycleRecord cycle = at.cycle();
        String previous = ctx.stores().cycles().jobState().watermark().assignmentsGeneration();
        if (cycle.mode() != CycleMode.INCREMENTAL || previous == null) {
            done(at, step, 0, Map.of(), UnaryOperator.identity(), step.then(Phase.ESCROW));
            return;
        }
        AssignmentDiff diff = AssignmentDiff.between(ctx.stores().scope().assignments(previous),
                ctx.stores().scope().assignments(step.cycleId()));
        List<String> newGroups = new ArrayList<>();
        List<String> storedGroups = new ArrayList<>();
        for (String group : diff.changedGroups()) {
            if (ctx.settings().scopeMode() == ScopeMode.ASSIGNED_ONLY && diff.assignedNow(group) && !diff.assignedBefore(group)) {
                newGroups.add(group);
            } else {
                // An unassigned group's memberships are forgotten when the cycle commits (CycleFinisher), not
                // now: a held, failed or dry-run cycle leaves them, and the next cycle re-evaluates its members.
                storedGroups.add(group);
            }
        }
        if (step.cursor() == null) {
            int batches = workBatches.users(step, "assignments", WorkBatches.byIds(diff.changedUsers()));
            done(at, step, batches, Map.of(), UnaryOperator.identity(), following(step, storedGroups, 0, newGroups));
            return;
        }
        if (step.cursor().startsWith(STORED)) {
            int bar = step.cursor().indexOf('|');
            int index = Integer.parseInt(step.cursor().substring(STORED.length(), bar));
            String continuation = step.cursor().substring(bar + 1);
            int batches = 0;
            PlanStep following;
            if (index < storedGroups.size()) {
                MemberPage page = ctx.stores().scope().membersPage(storedGroups.get(index),
                        continuation.isEmpty() ? null : continuation, MEMBERS_PER_STEP);
                batches = workBatches.users(step, "group-members", WorkBatches.byIds(page.userIds()));
                following = page.continuation() != null ? step.next(STORED + index + "|" + page.continuation())
                        : following(step, storedGroups, index + 1, newGroups);
            } else {
                following = following(step, storedGroups, index + 1, newGroups);
            }
            done(at, step, batches, Map.of(), UnaryOperator.identity(), following);
            return;
        }
        int bar = step.cursor().indexOf('|');
        int index = Integer.parseInt(step.cursor().substring(0, bar));
        String token = step.cursor().substring(bar + 1);
        int batches = 0;
        String nextCursor = null;
        if (index < newGroups.size()) {
            String group = newGroups.get(index);
            Page<String> page = ctx.entra().groupMemberIds(group, token.isEmpty() ? null : token);
            ctx.stores().scope().addMembers(group, page.items());
            batches = workBatches.users(step, "members", WorkBatches.byIds(page.items()));
            if (page.nextPageToken() != null) nextCursor = index + "|" + page.nextPageToken();
            else if (index + 1 < newGroups.size()) nextCursor = (index + 1) + "|";
        }
        done(at, step, batches, Map.of(), UnaryOperator.identity(),
                nextCursor == null ? step.then(Phase.ESCROW) : step.next(nextCursor));
    }

    /** The step after the stored members of the groups before {@code index} were re-evaluated. */
    private static PlanStep following(PlanStep step, List<String> storedGroups, int index, List<String> newGroups) {
        if (index < storedGroups.size()) return step.next(STORED + index + "|");
        return newGroups.isEmpty() ? step.then(Phase.ESCROW) : step.next("0|");
    }

    /**
     * Users due in escrow are sent again: re-evaluated from Entra, except a failed deletion of a user hard-deleted
     * in Entra, which is sent as that deletion (nothing is left in Entra to read, and reading nothing would make it
     * a suspension). A deletion whose link is gone or already deleted needs nothing more: its entry is dropped.
     * Groups and memberships wait for the GROUPS phase, after the users they need.
     */
    private void escrow(PlanStep step, At at) {
        CycleRecord cycle = at.cycle();
        List<EscrowEntry> due = ctx.stores().escrow().due(ObjectKind.USER, ctx.clock().instant(), ESCROW_PER_CYCLE);
        List<String> deletions = due.stream().filter(e -> e.action() == ProvisioningAction.DELETE).map(EscrowEntry::objectId).toList();
        Map<String, Link> links = deletions.isEmpty() ? Map.of() : ctx.stores().links().find(ObjectKind.USER, deletions);
        List<UserWork> retries = new ArrayList<>(due.size());
        for (EscrowEntry e : due) {
            if (e.action() != ProvisioningAction.DELETE) {
                retries.add(UserWork.byId(e.objectId()));
            } else if (links.containsKey(e.objectId()) && links.get(e.objectId()).state() != LinkState.DELETED) {
                retries.add(UserWork.removed(e.objectId(), Removal.HARD_DELETED));
            } else if (!cycle.dryRun()) {
                ctx.stores().escrow().remove(ObjectKind.USER, e.objectId());
            }
        }
        int batches = workBatches.users(step, "escrow", retries);
        done(at, step, batches, Map.of(), UnaryOperator.identity(), step.then(Phase.USERS));
    }

    /**
     * One page of users. Users of the page that do not fill a whole batch are handed on to the next step (stored
     * with the cycle, read by that step), so every batch but the last of the phase holds 100 users. In an initial
     * cycle with AssignedOnly scope, users with no assignment, no assigned group and no link are counted here and
     * never sent ({@link InitialCandidates}): nothing would be written or staged for them.
     */
    private void users(PlanStep step, At at) {
        CycleRecord cycle = at.cycle();
        String start = step.cursor() != null ? step.cursor()
                : cycle.mode() == CycleMode.INITIAL ? null : ctx.stores().cycles().jobState().watermark().usersDeltaToken();
        Page<UserChange> page = ctx.entra().userChanges(start);
        List<UserWork> work = new ArrayList<>(handedOn(step));
        Set<String> wanted = cycle.mode() == CycleMode.INITIAL && ctx.settings().scopeMode() == ScopeMode.ASSIGNED_ONLY
                ? candidates.among(step.cycleId(), step.roles(), page.items().stream().map(UserChange::id).toList()) : null;
        long leftOut = 0;
        for (UserChange c : page.items()) {
            if (wanted != null && !c.removed() && !wanted.contains(c.id())) {
                leftOut++;
                continue;
            }
            work.add(c.removed() ? UserWork.removed(c.id(), c.removal()) : UserWork.of(c.user()));
        }
        Map<String, Long> counts = leftOut == 0 ? Map.of() : Map.of(Counts.PROCESSED, leftOut, Counts.OUT_OF_SCOPE, leftOut);
        List<List<UserWork>> packed = new ArrayList<>(WorkBatches.pack(work));
        if (!page.last() && !packed.isEmpty() && WorkBatches.hasRoom(packed.get(packed.size() - 1))) {
            handOn(step.next(page.nextPageToken()), packed.get(packed.size() - 1), packed);
        }
        int batches = workBatches.send(step, "users", packed);
        if (page.last()) {
            String delta = requireDelta(page, "users");
            if (cycle.mode() == CycleMode.INITIAL) {
                done(at, step, batches, counts, r -> r.withPendingWatermark(withUsers(r.pendingWatermark(), delta)),
                        step.then(Phase.ORPHANS));
            } else {
                done(at, step, batches, counts, r -> r.withPendingWatermark(withUsers(r.pendingWatermark(), delta))
                                .withPhase(Phase.USERS.name(), true), null)
                        .ifPresent(r -> progress.advanceIfDone(r, step.roles()));
            }
        } else {
            done(at, step, batches, counts, r -> r.withPhase(Phase.USERS.name(), false), step.next(page.nextPageToken()));
        }
    }

    /** The users the previous step handed on to this one (none for the first step). */
    private List<UserWork> handedOn(PlanStep step) {
        if (step.step() == 0) return List.of();
        String text = ctx.stores().cycles().carriedWork(step.cycleId(), step.stepId());
        if (text == null) return List.of();
        return ((UserBatch) queues.codec().decode(text)).users();
    }

    /**
     * Hands a batch with room left on to the next step instead of sending it, when it fits a stored row. Stored
     * before this step completes: a redelivery of this step stores the same users again.
     */
    private void handOn(PlanStep next, List<UserWork> last, List<List<UserWork>> packed) {
        String text = queues.codec().encode(new UserBatch(next.cycleId(), next.stepId() + "-handed-on", next.roles(), last));
        if (text.length() > CARRIED_MAX_CHARS) return;
        ctx.stores().cycles().carryWork(next.cycleId(), next.stepId(), text);
        packed.remove(packed.size() - 1);
    }

    /**
     * Every active user link whose Entra user a full read can no longer find is sent by id: the worker reads it
     * once more and, when it is still gone, stages its suspension (never a deletion: the evidence is absence).
     * One step reads one page of links (cursor: the link store's continuation) and checks it against Entra, so
     * a sweep over any number of links is a chain of bounded steps; the last one marks the phase done.
     */
    private void orphans(PlanStep step, At at) {
        io.github.zendeskprovisioning.engine.state.LinkPage page =
                ctx.stores().links().activePage(ObjectKind.USER, step.cursor(), ORPHANS_PER_STEP);
        List<String> active = page.active().stream().map(io.github.zendeskprovisioning.engine.state.Link::entraId).toList();
        int batches = workBatches.users(step, "orphans", WorkBatches.byIds(missingAmong(active)));
        if (page.continuation() != null) {
            done(at, step, batches, Map.of(), r -> r.withPhase(Phase.ORPHANS.name(), false),
                    step.next(page.continuation()));
            return;
        }
        done(at, step, batches, Map.of(), r -> r.withPhase(Phase.ORPHANS.name(), true), null)
                .ifPresent(r -> progress.advanceIfDone(r, step.roles()));
    }

    private Set<String> missingAmong(List<String> ids) {
        if (ids.isEmpty()) return Set.of();
        Set<String> missing = new LinkedHashSet<>(ids);
        ctx.entra().usersByIds(ids).forEach(u -> missing.remove(u.id()));
        return missing;
    }

    private void groups(PlanStep step, At at) {
        CycleRecord cycle = at.cycle();
        int batches = 0;
        if (step.step() == 0) {
            Set<String> extra = new TreeSet<>();
            String previous = ctx.stores().cycles().jobState().watermark().assignmentsGeneration();
            if (cycle.mode() == CycleMode.INCREMENTAL && previous != null) {
                extra.addAll(AssignmentDiff.between(ctx.stores().scope().assignments(previous),
                        ctx.stores().scope().assignments(step.cycleId())).changedGroups());
            }
            // Groups due in escrow, and the groups of memberships due: reconciling the group retries its memberships.
            List<EscrowEntry> due = new ArrayList<>(ctx.stores().escrow().due(ObjectKind.GROUP, ctx.clock().instant(), ESCROW_PER_CYCLE));
            due.addAll(ctx.stores().escrow().due(ObjectKind.MEMBERSHIP, ctx.clock().instant(), ESCROW_PER_CYCLE));
            for (EscrowEntry e : due) {
                // What failed in this very cycle (a membership its user's batch could not make) waits for the next one.
                if (step.cycleId().equals(e.cycleId())) continue;
                extra.add(e.kind() == ObjectKind.GROUP ? e.objectId() : e.groupEntraId());
            }
            batches += workBatches.groups(step, "extra", extra.stream().map(GroupWork::byId).toList());
        }
        String start = step.cursor() != null ? step.cursor() : groupsStartToken(cycle);
        Page<GroupChange> page = ctx.entra().groupChanges(start);
        List<String> ids = page.items().stream().map(GroupChange::id).toList();
        Set<String> relevant = new LinkedHashSet<>(assignedAmong(step.cycleId(), ids));
        // Linked groups count too (one that left scope is released). In an initial cycle from this process's copy of
        // the group links (TenantLinks: read once per cycle): a link it lacks was written by this cycle, for a group
        // the cycle found assigned, which is relevant anyway. Otherwise one read for the page, not one per group.
        relevant.addAll((cycle.mode() == CycleMode.INITIAL ? copies.links.groups(step.cycleId(), true, ids) : groupLinks.of(ids)).keySet());
        List<GroupWork> work = new ArrayList<>();
        for (GroupChange c : page.items()) {
            if (!relevant.contains(c.id())) continue;
            work.add(new GroupWork(c.id(), c.group().displayName(), c.group().description(), c.removal(), false));
        }
        batches += workBatches.groups(step, "groups", work);
        if (page.last()) {
            done(at, step, batches, Map.of(), r -> r.withPhase(Phase.GROUPS.name(), true), null)
                    .ifPresent(r -> progress.advanceIfDone(r, step.roles()));
        } else {
            done(at, step, batches, Map.of(), UnaryOperator.identity(), step.next(page.nextPageToken()));
        }
    }

    /** Groups in scope among these: with AllUsersAndGroups all of them, else those with an assignment. */
    private Set<String> assignedAmong(String generation, Collection<String> groupIds) {
        if (ctx.settings().scopeMode() == ScopeMode.ALL_USERS_AND_GROUPS) return new LinkedHashSet<>(groupIds);
        if (groupIds.isEmpty()) return Set.of();
        Map<String, List<Assignment>> found = ctx.stores().scope().assignmentsOf(generation, groupIds);
        Set<String> result = new LinkedHashSet<>();
        found.forEach((id, list) -> {
            if (list.stream().anyMatch(a -> a.principalType() == PrincipalType.GROUP)) result.add(id);
        });
        return result;
    }

    private String groupsStartToken(CycleRecord cycle) {
        return cycle.mode() == CycleMode.INITIAL ? null : ctx.stores().cycles().jobState().watermark().groupsDeltaToken();
    }

    private static String requireDelta(Page<?> page, String what) {
        if (page.deltaToken() == null) {
            throw new EntraReadException("the last page of " + what + "/delta carried no @odata.deltaLink; the read is not trusted");
        }
        return page.deltaToken();
    }

    private static Watermark withGroups(Watermark w, String token) {
        return new Watermark(w.usersDeltaToken(), token, w.assignmentsGeneration(), w.committedAt(), w.mappingHash());
    }

    private static Watermark withUsers(Watermark w, String token) {
        return new Watermark(token, w.groupsDeltaToken(), w.assignmentsGeneration(), w.committedAt(), w.mappingHash());
    }

}
