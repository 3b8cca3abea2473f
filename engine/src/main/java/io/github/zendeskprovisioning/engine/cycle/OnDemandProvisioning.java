package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.actions.RemovalExecutor;
import io.github.zendeskprovisioning.engine.cycle.messages.GroupWork;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.cycle.messages.UserWork;
import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraGroup;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Entra's "Provision on demand": one user, or one group with its direct members, evaluated and written now
 * against the assignments as they are this minute. Its log entries carry a cycle id of its own
 * ({@code ondemand-...}). Its suspensions and deletions pass the same deletion guard as a cycle's: above
 * {@code PROVISIONING_DELETE_THRESHOLD} none is made and each is logged as held (StagedDelete), so a group
 * unassigned by mistake cannot suspend all its members through one call. An approval is not used up here:
 * {@code approve-deletions} is for the next cycle, which evaluates the same users again.
 */
public final class OnDemandProvisioning {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final EngineContext ctx;

    public OnDemandProvisioning(EngineContext ctx) {
        this.ctx = ctx;
    }

    public record Result(String cycleId, String objectKind, List<ProvisioningLogEntry> entries, boolean failed) {
    }

    public Result provision(String objectId) {
        if (objectId == null || objectId.isBlank()) throw new IllegalArgumentException("objectId is required");
        String cycleId = "ondemand-" + ID.format(ctx.clock().instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Optional<EntraUser> user = ctx.entra().user(objectId);
        Optional<EntraGroup> group = user.isPresent() ? Optional.empty() : ctx.entra().group(objectId);
        if (user.isEmpty() && group.isEmpty()) {
            throw new IllegalArgumentException("no Entra user or group has the object id " + objectId);
        }
        RoleContext roles = readAssignments(cycleId);
        boolean dryRun = ctx.settings().dryRun();
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        List<StagedRemoval> staged = new ArrayList<>();
        try {
            if (user.isPresent()) {
                entries.addAll(users(cycleId, roles, List.of(UserWork.of(user.get())), dryRun, staged));
            } else {
                String groupId = group.get().id();
                List<String> members = refreshMembers(groupId);
                for (int i = 0; i < members.size(); i += CyclePlanner.BATCH_SIZE) {
                    List<UserWork> batch = members.subList(i, Math.min(members.size(), i + CyclePlanner.BATCH_SIZE))
                            .stream().map(UserWork::byId).toList();
                    entries.addAll(users(cycleId, roles, batch, dryRun, staged));
                }
                GroupBatchProcessor groups = new GroupBatchProcessor(ctx);
                BatchOutcome outcome = groups.process(cycleId, "group", cycleId, List.of(new GroupWork(groupId,
                        group.get().displayName(), group.get().description(), Removal.NONE, false)), dryRun);
                entries.addAll(outcome.entries());
                staged.addAll(outcome.staged());
            }
            entries.addAll(removals(cycleId, staged, dryRun));
        } finally {
            ctx.stores().scope().deleteGeneration(cycleId);
        }
        boolean failed = entries.stream().anyMatch(e -> e.status() == ProvisioningStatus.FAILURE);
        return new Result(cycleId, user.isPresent() ? "user" : "group", entries, failed);
    }

    /** Evaluates and writes a batch of users; their suspensions and deletions are only staged, for the guard. */
    private List<ProvisioningLogEntry> users(String cycleId, RoleContext roles, List<UserWork> work, boolean dryRun,
                                             List<StagedRemoval> staged) {
        UserBatchProcessor processor = new UserBatchProcessor(ctx);
        BatchOutcome outcome = processor.process(cycleId, "users-" + work.get(0).id(), cycleId, roles, work, dryRun);
        staged.addAll(outcome.staged());
        return outcome.entries();
    }

    /** Every staged removal of this call, through the deletion guard as one cycle's would be. */
    private List<ProvisioningLogEntry> removals(String cycleId, List<StagedRemoval> staged, boolean dryRun) {
        if (staged.isEmpty()) return List.of();
        DeletionGuard guard = new DeletionGuard(ctx.settings().deleteThreshold());
        if (!guard.holds(staged.size(), false)) {
            return new RemovalExecutor(ctx).execute(cycleId, "removals", staged, dryRun, new Counts());
        }
        // As the finish step of a held cycle logs them: one StagedDelete entry each, nothing written to Zendesk.
        String reason = guard.reason(staged.size());
        List<ProvisioningLogEntry> held = new ArrayList<>();
        for (StagedRemoval r : staged) {
            held.add(new LogEntries(cycleId, "removals", r.kind(), r.entraId(), r.sourceName(), dryRun)
                    .target(r.zendeskId())
                    .step("scoping", "Skipped", r.reason())
                    .step("action", "Skipped", "held: would " + (r.action() == ProvisioningAction.DISABLE ? "suspend" : "delete"))
                    .finish(ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED, reason, ctx.clock().instant()));
        }
        ctx.stores().log().append(held);
        return held;
    }

    /** Reads every assignment into a generation of its own, so the decision uses today's assignments. */
    private RoleContext readAssignments(String generation) {
        String sp = ctx.settings().servicePrincipalId();
        if (sp == null) return new RoleContext(List.of(), Reads.customRoles(ctx.zendesk()));
        List<AppRole> appRoles = ctx.entra().appRoles(sp);
        String cursor = null;
        do {
            Page<Assignment> page = ctx.entra().assignments(sp, cursor);
            ctx.stores().scope().saveAssignments(generation, page.items());
            cursor = page.nextPageToken();
        } while (cursor != null);
        return new RoleContext(appRoles, Reads.customRoles(ctx.zendesk()));
    }

    /** The group's direct members as Entra has them now, written into the membership snapshot. */
    private List<String> refreshMembers(String groupId) {
        List<String> members = Reads.memberIds(ctx.entra(), groupId);
        Set<String> gone = new HashSet<>(ctx.stores().scope().membersOf(groupId));
        members.forEach(gone::remove);
        if (!gone.isEmpty()) ctx.stores().scope().removeMembers(groupId, gone);
        if (!members.isEmpty()) ctx.stores().scope().addMembers(groupId, members);
        List<String> all = new ArrayList<>(members);
        all.addAll(gone);
        return all;
    }
}
