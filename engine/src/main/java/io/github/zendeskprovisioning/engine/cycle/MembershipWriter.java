package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.scope.ZendeskRole;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.GroupMembership;
import io.github.zendeskprovisioning.engine.target.MembershipWriteResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zendesk group memberships that follow Entra's direct members, for agents and admins only (Zendesk's
 * rule): each member skipped for that reason gets a log entry. Only groups the service linked are touched.
 */
public final class MembershipWriter {
    private final EngineContext ctx;

    public MembershipWriter(EngineContext ctx) {
        this.ctx = ctx;
    }

    /** What a reconciliation did, for the group's log entry. */
    public record Reconciliation(int added, int removed, int skipped, List<String> failures) {
    }

    /** A user that just became an agent or admin joins the linked groups it is a member of in Entra. */
    public void addToLinkedGroups(String entraUserId, long zendeskUserId, String role, String cycleId,
                                  List<ProvisioningLogEntry> entries) {
        if (ZendeskRole.rankOf(role) < 2) return;
        Set<String> groups = ctx.stores().scope().groupsOf(List.of(entraUserId)).getOrDefault(entraUserId, Set.of());
        if (groups.isEmpty()) return;
        List<GroupMembership> wanted = new ArrayList<>();
        for (Link g : ctx.stores().links().find(ObjectKind.GROUP, groups).values()) {
            if (g.state() == LinkState.ACTIVE) wanted.add(new GroupMembership(null, zendeskUserId, g.zendeskId()));
        }
        if (wanted.isEmpty()) return;
        try {
            List<MembershipWriteResult> results = ctx.zendesk().createMemberships(wanted);
            List<String> failed = new ArrayList<>();
            for (MembershipWriteResult r : results) {
                if (!r.success() && !alreadyMember(r)) failed.add(r.error().description());
            }
            if (!failed.isEmpty()) entries.add(warning(cycleId, entraUserId, zendeskUserId, "could not add to its Zendesk groups: " + failed));
        } catch (RuntimeException e) {
            entries.add(warning(cycleId, entraUserId, zendeskUserId, "could not add to its Zendesk groups: " + e.getMessage()));
        }
    }

    /**
     * Makes the Zendesk group's memberships those of the Entra group's direct members that are linked agents
     * or admins. Members that are end-users are logged as skipped.
     */
    public Reconciliation reconcile(String groupEntraId, String groupName, long zendeskGroupId, boolean createdNow,
                                    String cycleId, String stepId, boolean dryRun, List<ProvisioningLogEntry> entries) {
        Set<String> members = ctx.stores().scope().membersOf(groupEntraId);
        Map<String, Link> links = members.isEmpty() ? Map.of() : ctx.stores().links().find(ObjectKind.USER, members);
        Set<Long> desired = new HashSet<>();
        int skipped = 0;
        for (Link l : links.values()) {
            if (l.state() == LinkState.DELETED) continue;
            if (ZendeskRole.rankOf(l.role()) >= 2) {
                desired.add(l.zendeskId());
            } else {
                skipped++;
                entries.add(new LogEntries(cycleId, stepId + "/" + groupEntraId, ObjectKind.USER, l.entraId(), null, dryRun)
                        .target(l.zendeskId())
                        .step("action", "Skipped", "not a member of Zendesk group '" + groupName + "'")
                        .finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED,
                                "not added to Zendesk group '" + groupName + "': Zendesk allows group membership for agents and admins only, and this user is '" + l.role() + "'",
                                ctx.clock().instant()));
            }
        }
        // A group created a moment ago has no memberships: no need to ask.
        List<GroupMembership> current = createdNow ? List.of() : ctx.zendesk().groupMemberships(zendeskGroupId);
        Map<Long, GroupMembership> currentByUser = new HashMap<>();
        current.forEach(m -> currentByUser.put(m.userId(), m));
        List<GroupMembership> toAdd = desired.stream().filter(u -> !currentByUser.containsKey(u))
                .map(u -> new GroupMembership(null, u, zendeskGroupId)).toList();
        List<Long> toRemove = current.stream().filter(m -> !desired.contains(m.userId())).map(GroupMembership::id).toList();
        List<String> failures = new ArrayList<>();
        if (!dryRun) {
            if (!toAdd.isEmpty()) {
                for (MembershipWriteResult r : ctx.zendesk().createMemberships(toAdd)) {
                    if (!r.success() && !alreadyMember(r)) failures.add(r.error().description());
                }
            }
            if (!toRemove.isEmpty()) ctx.zendesk().deleteMemberships(toRemove);
        }
        return new Reconciliation(toAdd.size() - failures.size(), toRemove.size(), skipped, failures);
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
