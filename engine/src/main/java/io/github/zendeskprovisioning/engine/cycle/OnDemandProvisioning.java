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
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Requester;

import java.nio.charset.StandardCharsets;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Entra's "Provision on demand": one user, or one group with its direct members, evaluated and written now
 * against the assignments as they are this minute. Its log entries carry a cycle id of its own
 * ({@code ondemand-...}). Its suspensions and deletions pass the same deletion guard as a cycle's: above
 * {@code PROVISIONING_DELETE_THRESHOLD} none is made and each is logged as held (StagedDelete), so a group
 * unassigned by mistake cannot suspend all its members through one call. An approval is not used up here:
 * {@code approve-deletions} is for the next cycle, which evaluates the same users again.
 *
 * <p>Each step of the run is reported as it is made, twice: to the caller's {@link Listener} (the command line
 * prints it), and into the run's own log entry (an {@code OperatorAction} naming who asked, rewritten in place
 * with every step), so a console can read the steps from the log while the request is still running, from any
 * instance. Until its last step that entry is a Warning saying the run is under way; one left so was
 * interrupted.
 */
public final class OnDemandProvisioning {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** A run id a client chose: letters, digits and dashes, so the cycle id it makes is safe in a URL and a key. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{7,63}");
    public static final String CYCLE_PREFIX = "ondemand-";

    private final EngineContext ctx;

    public OnDemandProvisioning(EngineContext ctx) {
        this.ctx = ctx;
    }

    public record Result(String cycleId, String objectKind, List<ProvisioningLogEntry> entries, boolean failed,
                         List<LogStep> steps) {
        public Result {
            entries = List.copyOf(entries);
            steps = List.copyOf(steps);
        }
    }

    /** Hears each step of a run as it is made; every method may be left out. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** The object was found in Entra; its entries will be logged under {@code cycleId}. */
        default void started(String cycleId, String objectKind) {
        }

        /** One step of the run (import, assignments, members, users, group, removals, the end). */
        default void step(LogStep step) {
        }

        /** Log entries of objects, as each batch of them is done (already stored). */
        default void entries(List<ProvisioningLogEntry> entries) {
        }
    }

    /** A run id is invalid: it names what is wrong. */
    public static final class InvalidRunIdException extends IllegalArgumentException {
        public InvalidRunIdException(String message) {
            super(message);
        }
    }

    /** The run id was used before: its cycle already has log entries. */
    public static final class RunIdInUseException extends IllegalStateException {
        public RunIdInUseException(String message) {
            super(message);
        }
    }

    /** The cycle id a run with this client-chosen id logs under. */
    public static String cycleIdOf(String runId) {
        return CYCLE_PREFIX + runId;
    }

    public static boolean isRunId(String runId) {
        return runId != null && RUN_ID.matcher(runId).matches();
    }

    public Result provision(String objectId) {
        return provision(objectId, null, new Requester("engine caller", null), Listener.NONE);
    }

    /**
     * Provisions one object now. {@code runId}: optional, chosen by the caller so it can read the run's log
     * entries (cycle {@code ondemand-<runId>}) while the call runs; a run id already used is refused.
     */
    public Result provision(String objectId, String runId, Requester requester, Listener listener) {
        if (objectId == null || objectId.isBlank()) throw new IllegalArgumentException("objectId is required");
        String cycleId;
        if (runId == null) {
            cycleId = CYCLE_PREFIX + ID.format(ctx.clock().instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        } else {
            if (!isRunId(runId)) {
                throw new InvalidRunIdException("runId " + quoted(runId) + " is not a run id (8 to 64 letters, digits and dashes,"
                        + " e.g. a UUID the client made)");
            }
            cycleId = cycleIdOf(runId);
            if (!ctx.stores().log().query(new LogQuery(cycleId, null, null, null), 1, null).entries().isEmpty()) {
                throw new RunIdInUseException("runId " + quoted(runId) + " was used before; make a new one for each run");
            }
        }
        Optional<EntraUser> user = ctx.entra().user(objectId);
        Optional<EntraGroup> group = user.isPresent() ? Optional.empty() : ctx.entra().group(objectId);
        if (user.isEmpty() && group.isEmpty()) {
            throw new IllegalArgumentException("no Entra user or group has the object id " + objectId);
        }
        String kind = user.isPresent() ? "user" : "group";
        boolean dryRun = ctx.settings().dryRun();
        Run run = new Run(cycleId, kind, objectId, requester, dryRun, listener);
        listener.started(cycleId, kind);
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        try {
            run.step("Import", "Success", user.map(u -> "user " + named(u.attribute("displayName"), u.email()))
                    .orElseGet(() -> "group " + named(group.get().displayName(), null)) + " read from Entra");
            RoleContext roles = readAssignments(cycleId, run);
            List<StagedRemoval> staged = new ArrayList<>();
            try {
                if (user.isPresent()) {
                    entries.addAll(users(cycleId, roles, List.of(UserWork.of(user.get())), dryRun, staged, run, 1));
                } else {
                    entries.addAll(group(cycleId, roles, group.get(), dryRun, staged, run));
                }
                entries.addAll(removals(cycleId, staged, dryRun, run));
            } finally {
                ctx.stores().scope().deleteGeneration(cycleId);
            }
        } catch (RuntimeException e) {
            try {
                run.end(ProvisioningStatus.FAILURE, "it stopped: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + cut(e.getMessage())));
            } catch (RuntimeException notLogged) {
                // The log may be what failed; the run's own error is the one to report.
                e.addSuppressed(notLogged);
            }
            throw e;
        }
        boolean failed = entries.stream().anyMatch(e -> e.status() == ProvisioningStatus.FAILURE);
        run.end(failed ? ProvisioningStatus.FAILURE : ProvisioningStatus.SUCCESS,
                failed ? "it failed; see the entries of " + cycleId : null);
        return new Result(cycleId, kind, entries, failed, run.steps());
    }

    /**
     * The run's own log entry: who asked, then each step as it is made. The change id is fixed per run, so every
     * rewrite replaces the entry in place (the log keeps its first time).
     */
    private final class Run {
        private final String cycleId;
        private final String changeId;
        private final String action;
        private final Requester requester;
        private final boolean dryRun;
        private final Listener listener;
        private final List<LogStep> steps = new ArrayList<>();

        Run(String cycleId, String kind, String objectId, Requester requester, boolean dryRun, Listener listener) {
            this.cycleId = cycleId;
            this.changeId = UUID.nameUUIDFromBytes((cycleId + "|run").getBytes(StandardCharsets.UTF_8)).toString();
            this.action = "provision on demand of " + kind + " " + objectId;
            this.requester = requester;
            this.dryRun = dryRun;
            this.listener = listener;
            steps.add(new LogStep("RequestedBy", requester.who(), requester.via()));
        }

        void step(String name, String outcome, String detail) {
            LogStep step = new LogStep(name, outcome, detail);
            steps.add(step);
            write(ProvisioningStatus.WARNING, action + " requested by " + requester.text()
                    + ": under way (an entry left like this means the run was interrupted)");
            listener.step(step);
        }

        /** A step that wrote objects: its outcome is the worst of their entries, which the listener hears too. */
        void done(String name, List<ProvisioningLogEntry> made) {
            listener.entries(made);
            boolean failed = made.stream().anyMatch(e -> e.status() == ProvisioningStatus.FAILURE);
            step(name, failed ? "Failure" : "Success", made.isEmpty() ? "nothing to write"
                    : made.stream().map(e -> e.action().label() + " " + e.status().label())
                    .collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()))
                    .entrySet().stream().map(c -> c.getValue() + " × " + c.getKey()).collect(Collectors.joining(", ")));
        }

        void end(ProvisioningStatus status, String result) {
            LogStep last = new LogStep("Action", status.label(), result == null ? action : action + ": " + result);
            steps.add(last);
            write(status, action + " requested by " + requester.text() + (result == null ? "" : ": " + result));
            listener.step(last);
        }

        List<LogStep> steps() {
            return steps.subList(1, steps.size());
        }

        private void write(ProvisioningStatus status, String reason) {
            ctx.stores().log().append(List.of(new ProvisioningLogEntry(cycleId, changeId, ctx.clock().instant(), ObjectKind.JOB,
                    LogEntries.JOB, "provisioning job", null, ProvisioningAction.OPERATOR_ACTION, status, dryRun, steps,
                    List.of(), reason)));
        }
    }

    /** The group's members (each batch as a cycle would), then the group and the memberships the service makes. */
    private List<ProvisioningLogEntry> group(String cycleId, RoleContext roles, EntraGroup group, boolean dryRun,
                                             List<StagedRemoval> staged, Run run) {
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        List<String> members = refreshMembers(group.id());
        run.step("Members", "Success", members.size() + " direct member" + (members.size() == 1 ? "" : "s")
                + " to evaluate (Entra's members now, and any removed since the last read)");
        for (int i = 0; i < members.size(); i += CyclePlanner.BATCH_SIZE) {
            List<UserWork> batch = members.subList(i, Math.min(members.size(), i + CyclePlanner.BATCH_SIZE))
                    .stream().map(UserWork::byId).toList();
            entries.addAll(users(cycleId, roles, batch, dryRun, staged, run, members.size()));
        }
        run.step("Group", "Started", "writing the group " + named(group.displayName(), null)
                + " and the memberships the service makes");
        BatchOutcome outcome = new GroupBatchProcessor(ctx).process(cycleId, "group", cycleId, List.of(new GroupWork(group.id(),
                group.displayName(), group.description(), Removal.NONE, false)), dryRun);
        entries.addAll(outcome.entries());
        staged.addAll(outcome.staged());
        run.done("Group", outcome.entries());
        return entries;
    }

    /** Evaluates and writes a batch of users; their suspensions and deletions are only staged, for the guard. */
    private List<ProvisioningLogEntry> users(String cycleId, RoleContext roles, List<UserWork> work, boolean dryRun,
                                             List<StagedRemoval> staged, Run run, int of) {
        run.step("Users", "Started", work.size() == of
                ? "evaluating scope, matching and writing " + (of == 1 ? "the user" : "the " + of + " users")
                : "evaluating scope, matching and writing " + work.size() + " of the " + of + " users");
        UserBatchProcessor processor = new UserBatchProcessor(ctx);
        BatchOutcome outcome = processor.process(cycleId, "users-" + work.get(0).id(), cycleId, roles, work, dryRun);
        staged.addAll(outcome.staged());
        run.done("Users", outcome.entries());
        return outcome.entries();
    }

    /** Every staged removal of this call, through the deletion guard as one cycle's would be. */
    private List<ProvisioningLogEntry> removals(String cycleId, List<StagedRemoval> staged, boolean dryRun, Run run) {
        if (staged.isEmpty()) return List.of();
        DeletionGuard guard = new DeletionGuard(ctx.settings().deleteThreshold());
        if (!guard.holds(staged.size(), false)) {
            run.step("Removals", "Started", staged.size() + " suspension" + (staged.size() == 1 ? "" : "s") + " or deletions");
            List<ProvisioningLogEntry> made = new RemovalExecutor(ctx).execute(cycleId, "removals", staged, dryRun, new Counts());
            run.done("Removals", made);
            return made;
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
        run.step("Removals", "Skipped", reason);
        run.listener.entries(held);
        return held;
    }

    /** Reads every assignment into a generation of its own, so the decision uses today's assignments. */
    private RoleContext readAssignments(String generation, Run run) {
        String sp = ctx.settings().servicePrincipalId();
        if (sp == null) {
            RoleContext none = new RoleContext(List.of(), List.of());
            run.step("Assignments", "Skipped", "no service principal is configured, so no assignment is read");
            return none;
        }
        List<AppRole> appRoles = ctx.entra().appRoles(sp);
        String cursor = null;
        int read = 0;
        do {
            Page<Assignment> page = ctx.entra().assignments(sp, cursor);
            ctx.stores().scope().saveAssignments(generation, page.items());
            read += page.items().size();
            cursor = page.nextPageToken();
        } while (cursor != null);
        RoleContext roles = new RoleContext(appRoles, Reads.customRolesFor(appRoles, ctx.zendesk()));
        run.step("Assignments", "Success", read + " app role assignment" + (read == 1 ? "" : "s") + " and "
                + appRoles.size() + " app role" + (appRoles.size() == 1 ? "" : "s") + " read from Entra as they are now");
        return roles;
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

    private static String named(String name, String mail) {
        String n = name == null || name.isBlank() ? "(no name)" : name;
        return mail == null || mail.isBlank() ? n : n + " <" + mail + ">";
    }

    private static String quoted(String value) {
        return "\"" + cut(value.replaceAll("\\p{Cntrl}", " ")) + "\"";
    }

    private static String cut(String s) {
        return s.length() <= 120 ? s : s.substring(0, 119) + "…";
    }
}
