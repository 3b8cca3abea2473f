package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.scope.ZendeskRole;
import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisionedMembership;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.GroupMembership;
import io.github.zendeskprovisioning.engine.target.MembershipWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Zendesk group memberships that follow Entra's direct members, for agents and admins only (Zendesk's
 * rule): each member skipped for that reason gets a log entry. Only groups the service linked are touched,
 * and in them only memberships the service made (recorded in the {@code ProvisionedMembershipStore}) are
 * ever removed: an agent added to a group by hand stays, with its tickets.
 *
 * <p>A membership that exists in Zendesk, that Entra lists, and that has no record is adopted (recorded as
 * ours). Two cases produce it: memberships made before records were kept, and a worker that died between
 * making a membership and recording it. Either way the service would have made it, and adopting it lets it
 * be removed when the member leaves the Entra group. A hand-made membership Entra does not list is never
 * adopted. A record whose membership is gone (removed by hand, or by Zendesk when a user became an
 * end-user) is forgotten, so that a later hand-made membership of that user is not taken for ours.
 *
 * <p>A membership whose create or delete failed is escrowed (kind MEMBERSHIP, group and user) and retried in the
 * next cycle by reconciling its group again, which repeats safely: Zendesk keeps one membership per pair (an
 * "already a member" answer is success), and only memberships Zendesk still lists are deleted.
 */
public final class MembershipWriter {
    private final EngineContext ctx;
    private final FailureRecorder failures;
    private final TenantCopies copies;

    public MembershipWriter(EngineContext ctx, TenantCopies copies) {
        this.ctx = ctx;
        this.failures = new FailureRecorder(ctx);
        this.copies = copies;
    }

    /** One membership write that failed. */
    private record Failed(GroupMembership membership, String groupEntraId, ProvisioningAction action, String code, String reason) {
    }

    /**
     * What a reconciliation did, for the group's log entry. {@code groupEscrowed}: so many of its memberships failed
     * that the group itself was escrowed, to be reconciled again as a whole.
     */
    public record Reconciliation(int added, int removed, int skipped, List<String> failures, boolean groupEscrowed) {
        public static Reconciliation none() {
            return new Reconciliation(0, 0, 0, List.of(), false);
        }
    }

    /**
     * More failed memberships than this in one group (Zendesk refused the whole call for a large group) are escrowed
     * as one entry for the group: a bounded number of table writes, and one reconciliation retries them all.
     */
    static final int MOST_PAIRS_ESCROWED = 100;

    /** A user that just became an agent or admin (role) in a user batch, with its Zendesk id. */
    record NewAgent(String entraId, long zendeskId, String role) {
    }

    /**
     * The users of one batch that just became agents or admins join the linked groups they are members of in Entra,
     * all in one go: one lookup of their groups, one of those groups' links, one membership create call (the client
     * splits it into Zendesk's jobs of 100) and one record. {@code initial}: an initial cycle, where the lookups are
     * answered from this process's copies of the cycle. A user whose memberships failed gets a warning entry, and
     * each failed membership is escrowed, to be retried by reconciling its group in a later cycle.
     */
    void addToLinkedGroups(List<NewAgent> agents, String cycleId, String generation, boolean initial,
                           List<ProvisioningLogEntry> entries) {
        List<NewAgent> raised = agents.stream().filter(a -> ZendeskRole.rankOf(a.role()) >= 2).toList();
        if (raised.isEmpty()) return;
        List<String> ids = raised.stream().map(NewAgent::entraId).toList();
        if (!initial) copies.scope.drop();
        Map<String, Set<String>> groupsOf = initial ? copies.scope.groupsOf(generation, ids) : ctx.stores().scope().groupsOf(ids);
        Set<String> allGroups = new TreeSet<>();
        groupsOf.values().forEach(allGroups::addAll);
        if (allGroups.isEmpty()) return;
        Map<String, Link> groupLinks = copies.links.groups(cycleId, initial, allGroups);
        List<GroupMembership> wanted = new ArrayList<>();
        List<String> wantedGroups = new ArrayList<>();
        List<NewAgent> wantedBy = new ArrayList<>();
        for (NewAgent a : raised) {
            for (String group : new TreeSet<>(groupsOf.getOrDefault(a.entraId(), Set.of()))) {
                Link g = groupLinks.get(group);
                if (g == null || g.state() != LinkState.ACTIVE) continue;
                wanted.add(new GroupMembership(null, a.zendeskId(), g.zendeskId()));
                wantedGroups.add(g.entraId());
                wantedBy.add(a);
            }
        }
        if (wanted.isEmpty()) return;
        List<Failed> failed = new ArrayList<>();
        Map<NewAgent, List<String>> failedFor = new LinkedHashMap<>();
        try {
            List<MembershipWriteResult> results = ctx.zendesk().createMemberships(wanted);
            List<ProvisionedMembership> made = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                MembershipWriteResult r = i < results.size() ? results.get(i) : null;
                // "Already a member": made by an earlier delivery, or by hand while Entra lists it too; adopted as above.
                if (r != null && (r.success() || alreadyMember(r))) {
                    made.add(provisioned(wanted.get(i)));
                } else {
                    Failed f = failedWith(wanted.get(i), wantedGroups.get(i), ProvisioningAction.CREATE, r);
                    failed.add(f);
                    failedFor.computeIfAbsent(wantedBy.get(i), a -> new ArrayList<>()).add(f.reason());
                }
            }
            ctx.stores().memberships().record(made);
        } catch (RuntimeException e) {
            // The call, or the record after it, failed: every membership is retried (a made one is then adopted).
            failed.clear();
            failedFor.clear();
            for (int i = 0; i < wanted.size(); i++) {
                Failed f = failedWith(wanted.get(i), wantedGroups.get(i), ProvisioningAction.CREATE, e);
                failed.add(f);
                failedFor.computeIfAbsent(wantedBy.get(i), a -> new ArrayList<>()).add(f.reason());
            }
        }
        if (failed.isEmpty()) return;
        escrow(cycleId, failed);
        failedFor.forEach((a, reasons) -> entries.add(warning(cycleId, a.entraId(), a.zendeskId(),
                "could not add to its Zendesk groups (each will be retried in a later cycle): " + reasons.stream().distinct().toList())));
    }

    /**
     * What one group's reconciliation will write, worked out by {@link #prepare} (reads only) and made by {@link #apply}:
     * a caller with several groups prepares them all, records its intents for all of them at once, then applies each.
     */
    public record Pending(String groupEntraId, String groupName, long zendeskGroupId, List<GroupMembership> toAdd,
                          List<GroupMembership> toRemove, List<ProvisionedMembership> adopted, List<Long> gone, int skipped) {
        public int adding() {
            return toAdd.size();
        }

        public int removing() {
            return toRemove.size();
        }

        /** Whether it sends any membership write to Zendesk (then an intent is due first). */
        public boolean writes() {
            return !toAdd.isEmpty() || !toRemove.isEmpty();
        }
    }

    /**
     * The reads of a group's reconciliation: which of the Entra group's direct members are linked agents or admins
     * (members that are end-users are logged as skipped), against the Zendesk group's memberships and our records;
     * no write. {@code initial}: an initial cycle, where the members' links come from this process's copy of every
     * user link (read after the cycle's user batches), not one point read per member.
     */    public Pending prepare(String groupEntraId, String groupName, long zendeskGroupId, boolean createdNow,
                          String cycleId, String stepId, boolean dryRun, boolean initial, List<ProvisioningLogEntry> entries) {
        // Group batches come after every user batch of their cycle: the scope copy has served, and its memory is
        // better spent on the copy of the links below.
        copies.scope.drop();
        Set<String> members = ctx.stores().scope().membersOf(groupEntraId);
        Map<String, Link> links = copies.links.membersOf(cycleId, initial, members);
        Set<Long> desired = new HashSet<>();
        int skipped = 0;
        for (Link l : links.values()) {
            if (l.state() == LinkState.DELETED) continue;
            if (ZendeskRole.rankOf(l.role()) >= 2) {
                desired.add(l.zendeskId());
            } else {
                skipped++;
                // Keyed by the group (a user can be skipped for two groups of one batch), prefixed by the batch.
                entries.add(new LogEntries(cycleId, stepId + "/" + groupEntraId, ObjectKind.USER, l.entraId(), null, dryRun)
                        .prefixedBy(stepId).target(l.zendeskId())
                        .step("action", "Skipped", "not a member of Zendesk group '" + groupName + "'")
                        .finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED,
                                "not added to Zendesk group '" + groupName + "': Zendesk allows group membership for agents and admins only, and this user is '" + l.role() + "'",
                                ctx.clock().instant()));
            }
        }
        // A group created a moment ago has no memberships and no records: no need to ask.
        List<GroupMembership> current = createdNow ? List.of() : ctx.zendesk().groupMemberships(zendeskGroupId);
        Set<Long> ours = createdNow ? Set.of() : ctx.stores().memberships().usersOf(zendeskGroupId);
        Map<Long, GroupMembership> currentByUser = new HashMap<>();
        current.forEach(m -> currentByUser.put(m.userId(), m));
        List<GroupMembership> toAdd = desired.stream().filter(u -> !currentByUser.containsKey(u))
                .map(u -> new GroupMembership(null, u, zendeskGroupId)).toList();
        List<GroupMembership> toRemove = current.stream()
                .filter(m -> !desired.contains(m.userId()) && ours.contains(m.userId())).toList();
        List<ProvisionedMembership> adopted = current.stream()
                .filter(m -> desired.contains(m.userId()) && !ours.contains(m.userId())).map(this::provisioned).toList();
        List<Long> gone = ours.stream().filter(u -> !currentByUser.containsKey(u)).toList();
        return new Pending(groupEntraId, groupName, zendeskGroupId, toAdd, toRemove, adopted, gone, skipped);
    }

    /** The writes of a reconciliation, as {@link #prepare} worked them out (none in a dry run); failures are escrowed. */
    public Reconciliation apply(Pending p, String cycleId, boolean dryRun, boolean retrying) {
        String groupEntraId = p.groupEntraId();
        long zendeskGroupId = p.zendeskGroupId();
        List<GroupMembership> toAdd = p.toAdd();
        List<GroupMembership> toRemove = p.toRemove();
        List<Failed> failed = new ArrayList<>();
        if (!dryRun) {
            List<ProvisionedMembership> made = new ArrayList<>(p.adopted());
            if (!toAdd.isEmpty()) {
                try {
                    List<MembershipWriteResult> results = ctx.zendesk().createMemberships(toAdd);
                    for (int i = 0; i < toAdd.size(); i++) {
                        MembershipWriteResult r = i < results.size() ? results.get(i) : null;
                        if (r != null && (r.success() || alreadyMember(r))) made.add(provisioned(toAdd.get(i)));
                        else failed.add(failedWith(toAdd.get(i), groupEntraId, ProvisioningAction.CREATE, r));
                    }
                } catch (RuntimeException e) {
                    toAdd.forEach(m -> failed.add(failedWith(m, groupEntraId, ProvisioningAction.CREATE, e)));
                }
            }
            // Recorded after the write: a membership made but not recorded (a crash in between) is adopted next time.
            ctx.stores().memberships().record(made);
            if (!p.gone().isEmpty()) ctx.stores().memberships().forget(zendeskGroupId, p.gone());
            if (!toRemove.isEmpty()) {
                try {
                    ctx.zendesk().deleteMemberships(toRemove.stream().map(GroupMembership::id).toList());
                    // Forgotten only once removed: a failed removal keeps its record and is tried again next cycle.
                    ctx.stores().memberships().forget(zendeskGroupId, toRemove.stream().map(GroupMembership::userId).toList());
                } catch (RuntimeException e) {
                    toRemove.forEach(m -> failed.add(failedWith(m, groupEntraId, ProvisioningAction.DELETE, e)));
                }
            }
        }
        boolean groupEscrowed = failed.size() > MOST_PAIRS_ESCROWED;
        if (groupEscrowed) {
            Failed first = failed.get(0);
            failures.failed(cycleId, ObjectKind.GROUP, groupEntraId, ProvisioningAction.UPDATE, first.code(),
                    failed.size() + " memberships of Zendesk group '" + p.groupName() + "' failed, e.g. " + first.reason(), false);
        } else if (!dryRun) {
            escrow(cycleId, failed);
        }
        if (!dryRun && retrying) settleRetries(groupEntraId, groupEscrowed ? List.of() : failed);
        long addFailures = failed.stream().filter(f -> f.action() == ProvisioningAction.CREATE).count();
        List<String> described = failed.stream().limit(10).map(f -> (f.action() == ProvisioningAction.CREATE ? "add" : "remove")
                + " user " + f.membership().userId() + ": " + f.reason()).toList();
        return new Reconciliation((int) (toAdd.size() - addFailures), (int) (toRemove.size() - (failed.size() - addFailures)), p.skipped(),
                failed.size() > described.size() ? append(described, "and " + (failed.size() - described.size()) + " more") : described,
                groupEscrowed);
    }

    private static List<String> append(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    /** A retried group's memberships are reconciled: every escrowed membership of it that did not fail again is settled. */
    private void settleRetries(String groupEntraId, List<Failed> failedNow) {
        Set<String> stillFailing = new HashSet<>();
        failedNow.forEach(f -> stillFailing.add(EscrowEntry.membershipId(groupEntraId, f.membership().userId())));
        for (EscrowEntry e : ctx.stores().escrow().startingWith(ObjectKind.MEMBERSHIP, EscrowEntry.membershipPrefix(groupEntraId))) {
            if (!stillFailing.contains(e.objectId())) ctx.stores().escrow().remove(ObjectKind.MEMBERSHIP, e.objectId());
        }
    }

    /** A group out of scope (or gone) needs none of its memberships retried. */
    public void forgetRetries(String groupEntraId) {
        settleRetries(groupEntraId, List.of());
    }

    private void escrow(String cycleId, List<Failed> failed) {
        for (Failed f : failed) {
            failures.failed(cycleId, ObjectKind.MEMBERSHIP, EscrowEntry.membershipId(f.groupEntraId(), f.membership().userId()),
                    f.action(), f.code(), f.reason(), false);
        }
    }

    private static Failed failedWith(GroupMembership m, String groupEntraId, ProvisioningAction action, MembershipWriteResult r) {
        ZendeskError error = r == null ? new ZendeskError(0, "NoResult", "Zendesk returned no result for this membership", List.of(), true)
                : r.error();
        return new Failed(m, groupEntraId, action, FailureRecorder.codeOf(error), error.description());
    }

    private static Failed failedWith(GroupMembership m, String groupEntraId, ProvisioningAction action, RuntimeException e) {
        String reason = e instanceof ZendeskException z ? z.error().description() : String.valueOf(e.getMessage());
        return new Failed(m, groupEntraId, action, FailureRecorder.codeOf(e), reason);
    }

    private ProvisionedMembership provisioned(GroupMembership m) {
        return new ProvisionedMembership(m.groupId(), m.userId(), ctx.clock().instant());
    }

    private static boolean alreadyMember(MembershipWriteResult r) {
        String d = (r.error().description() + " " + r.error().details()).toLowerCase(java.util.Locale.ROOT);
        return d.contains("already");
    }

    private ProvisioningLogEntry warning(String cycleId, String entraUserId, long zendeskUserId, String reason) {
        return new LogEntries(cycleId, "memberships", ObjectKind.USER, entraUserId, null, false)
                .target(zendeskUserId)
                .step("action", "Warning", reason)
                .modified(List.of(new ModifiedProperty("group_memberships", null, null)))
                .finish(ProvisioningAction.UPDATE, ProvisioningStatus.WARNING, reason, ctx.clock().instant());
    }
}
