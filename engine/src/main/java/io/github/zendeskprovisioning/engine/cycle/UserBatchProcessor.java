package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.actions.UserWrite;
import io.github.zendeskprovisioning.engine.actions.UserWritePlanner;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.cycle.messages.UserWork;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.mapping.DesiredRecord;
import io.github.zendeskprovisioning.engine.mapping.RecordMapper;
import io.github.zendeskprovisioning.engine.mapping.ValueHash;
import io.github.zendeskprovisioning.engine.mapping.ZendeskTargets;
import io.github.zendeskprovisioning.engine.matching.EmailMatch;
import io.github.zendeskprovisioning.engine.scope.RoleCatalog;
import io.github.zendeskprovisioning.engine.scope.ScopeDecision;
import io.github.zendeskprovisioning.engine.scope.ScopeEvaluator;
import io.github.zendeskprovisioning.engine.scope.ZendeskRole;
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
import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One batch of users (up to 100) against Zendesk, with as few calls as the data allows: one link query, one
 * {@code show_many} for the linked users that changed, one for the unlinked ones by external id, then bulk
 * creates and updates. An unchanged user costs no Zendesk call at all (hash of what was last written), except
 * in an initial cycle: there every linked user is compared with its live Zendesk record (read in the same
 * {@code show_many} calls), so that what was changed by hand (attributes, suspension, a lowered role, a
 * deleted user) is repaired. Suspensions and deletions are not made here: they are staged for the deletion guard.
 * The organizations the users to write name are resolved once per batch ({@link OrganizationResolver}).
 *
 * <p>Replays are harmless: a user created by an earlier, interrupted delivery is found by its external id
 * (or, if that create raced with this one, by e-mail carrying our external id) and linked, never created twice.
 */
public final class UserBatchProcessor {
    private static final int INTENT_VALUE_CHARS = 100;
    private final EngineContext ctx;
    private final UserWritePlanner planner = new UserWritePlanner();
    private final RecordMapper mapper;
    private final FailureRecorder failures;
    private final MembershipWriter memberships;
    private final OrganizationResolver organizations;
    private final TenantCopies copies;
    /** Whether a mapping owns the tags: then the tags it no longer gives are taken away. */
    private final boolean tagsMapped;

    /** A processor with copies of its own (provisioning on demand, which runs no initial cycle). */
    public UserBatchProcessor(EngineContext ctx) {
        this(ctx, new TenantCopies(ctx.stores()));
    }

    /** {@code copies}: the engine's, shared with its group batches. */
    public UserBatchProcessor(EngineContext ctx, TenantCopies copies) {
        this.ctx = ctx;
        this.copies = copies;
        this.mapper = new RecordMapper(ctx.settings().mappings().userMappings(), ctx.clock());
        this.failures = new FailureRecorder(ctx);
        this.memberships = new MembershipWriter(ctx, copies);
        this.organizations = new OrganizationResolver(ctx.zendesk());
        this.tagsMapped = ctx.settings().mappings().userMappings().stream().anyMatch(m -> ZendeskTargets.TAGS.equals(m.target()));
    }

    /** Working state of one user within the batch. */
    private static final class Subject {
        final UserWork work;
        final String id;
        EntraUser user;
        Removal removal;
        String removalReason;
        LogEntries log;
        Link link;
        ScopeDecision decision;
        DesiredRecord desired;
        String hash;
        /** The values behind {@link #hash}, as text: stored with the link once written. */
        Map<String, String> values;
        /** {@link #current} stands for the link's written values, not a read (see {@link #fromWrittenValues}). */
        boolean fromWritten;
        /** Written from the values once in this batch already (Zendesk refused it): read from now on. */
        boolean writtenRefused;
        ZendeskUser current;
        String matchedBy;
        /** Why an out-of-scope user is to stay suspended, for the check of an initial cycle. */
        String outOfScopeReason;
        /** Zendesk's own words when it refused to create this user. */
        String refusal;
        /** Whether that refusal named the external id (then a user carries it: looked up by it first). */
        boolean externalIdRefused;
        /** The id of the organization the mapping names (null: none named, or a dry run's new one). */
        Long organizationId;
        boolean done;

        Subject(UserWork work) {
            this.work = work;
            this.id = work.id();
            this.removal = work.removal();
            this.user = work.fetch() || work.removal() != Removal.NONE ? null : work.user();
        }

        String name() {
            if (user == null) return id;
            String email = user.email();
            return email != null ? email : user.displayName();
        }

        String removalReason() {
            if (removalReason != null) return removalReason;
            return removal == Removal.HARD_DELETED ? "permanently deleted in Entra" : "deleted in Entra (in the recycle bin)";
        }
    }

    /** What one call gathers as it goes: entries, counters and links, all written at the end. */
    private static final class Batch {
        final String cycleId;
        final String stepId;
        final boolean dryRun;
        final Counts counts = new Counts();
        final List<ProvisioningLogEntry> entries = new ArrayList<>();
        final List<Link> links = new ArrayList<>();
        /** Users that became agents or admins in this batch: they join their linked groups once links are stored. */
        final List<MembershipWriter.NewAgent> memberships = new ArrayList<>();
        /** Out-of-scope users the service suspended, to compare with Zendesk in an initial cycle. */
        final List<Subject> suspendedToVerify = new ArrayList<>();
        /** The cycle record, read only when a stored hash or a write intent would decide (empty: on demand). */
        Optional<CycleRecord> cycle;
        /** What earlier deliveries of this batch were about to write, by Entra id; read once, when first needed. */
        Map<String, WriteIntent> earlier;
        /** The intents as stored now: the earlier ones with this delivery's over them. */
        Map<String, WriteIntent> recorded;
        /** Users Zendesk refused an update made from written values: read and written again in this batch. */
        List<Subject> refusedFromWritten = new ArrayList<>();

        Batch(String cycleId, String stepId, boolean dryRun) {
            this.cycleId = cycleId;
            this.stepId = stepId;
            this.dryRun = dryRun;
        }
    }

    public BatchOutcome process(String cycleId, String stepId, String generation, RoleContext roles,
                                List<UserWork> work, boolean dryRun) {
        return process(new Batch(cycleId, stepId, dryRun), generation, roles, work);
    }

    /** A batch of a stored cycle, whose record the caller has just read (so it is not read again here). */
    public BatchOutcome process(CycleRecord cycle, String stepId, RoleContext roles, List<UserWork> work) {
        Batch batch = new Batch(cycle.cycleId(), stepId, cycle.dryRun());
        batch.cycle = Optional.of(cycle);
        return process(batch, cycle.cycleId(), roles, work);
    }

    private BatchOutcome process(Batch batch, String generation, RoleContext roles, List<UserWork> work) {
        String cycleId = batch.cycleId;
        String stepId = batch.stepId;
        boolean dryRun = batch.dryRun;
        Counts counts = batch.counts;
        List<ProvisioningLogEntry> entries = batch.entries;
        List<StagedRemoval> staged = new ArrayList<>();
        Map<String, Subject> subjects = new LinkedHashMap<>();
        for (UserWork w : work) subjects.put(w.id(), new Subject(w));
        counts.add(Counts.PROCESSED, subjects.size());

        String fetchFailure = fetchFromEntra(subjects.values());
        boolean initial = initialCycle(batch);
        Map<String, Link> links = copies.links.users(cycleId, initial, subjects.keySet());
        for (Subject s : subjects.values()) {
            s.link = links.get(s.id);
            s.log = new LogEntries(cycleId, stepId, ObjectKind.USER, s.id, s.name(), dryRun);
            if (fetchFailure != null && s.work.fetch()) {
                s.log.step("import", "Failure", fetchFailure);
                failWith(s, ProvisioningAction.UPDATE, "EntraReadFailed", "could not read the user from Entra: " + fetchFailure, batch);
                continue;
            }
            s.log.step("import", "Success", s.user != null ? "read from Entra" : "removed in Entra: " + s.removalReason());
        }
        decideScope(subjects.values(), generation, roles, initial);

        List<Subject> toWrite = new ArrayList<>();
        for (Subject s : subjects.values()) {
            if (!s.done) classify(s, staged, batch, toWrite);
        }
        verifySuspended(batch, staged);
        write(toWrite, batch);
        if (!batch.refusedFromWritten.isEmpty()) {
            // Once only: these are not taken from written values again.
            List<Subject> again = batch.refusedFromWritten;
            batch.refusedFromWritten = new ArrayList<>();
            write(again, batch);
        }

        // Links first: if the worker dies before them, the redelivery finds the users by external id.
        if (!batch.links.isEmpty()) {
            ctx.stores().links().upsertAll(batch.links);
            copies.links.written(cycleId, batch.links);
        }
        memberships.addToLinkedGroups(batch.memberships, cycleId, generation, initial, entries);
        ctx.stores().log().append(entries);
        return new BatchOutcome(entries, counts.toMap(), staged);
    }

    /** Matches, creates and updates the users to write, with as few Zendesk calls as they allow. */
    private void write(List<Subject> toWrite, Batch batch) {
        List<Subject> linked = new ArrayList<>();
        List<Subject> unlinked = new ArrayList<>();
        List<Subject> resolving = new ArrayList<>();
        for (Subject s : toWrite) {
            if (s.link == null) {
                unlinked.add(s);
            } else if (fromWrittenValues(s, batch)) {
                continue;
            } else {
                linked.add(s);
            }
            resolving.add(s);
        }
        readCurrent(linked, unlinked, batch);
        // Writing, Zendesk's unique external id does this match for free: a create it refuses as taken is
        // looked up by external id then (create()). A dry run writes nothing, so it asks first.
        if (batch.dryRun) matchByExternalId(unlinked, batch);
        resolveOrganizations(resolving, batch);

        List<Subject> creates = new ArrayList<>();
        List<Subject> updates = new ArrayList<>();
        for (Subject s : toWrite) {
            if (s.done) continue;
            (s.current == null ? creates : updates).add(s);
        }
        Map<Subject, UserWrite> writes = new LinkedHashMap<>();
        for (Subject s : updates) writes.put(s, planUpdate(s));
        create(creates, writes, batch);
        update(writes, batch);
    }

    /**
     * A linked user that changed in Entra outside an initial cycle is updated from the values the service last
     * wrote (stored with its link), without reading it from Zendesk: what changed in Entra since is what is sent, and
     * the log's old values are those last written. This is as far as any cycle but an initial one trusts Zendesk to
     * hold what was written (an unchanged user is not read either); an initial cycle compares with live records and
     * repairs what was changed by hand. Only when the role, organization and tags Entra gives are those last written:
     * a role that is to change is checked against Zendesk's (roles are never lowered), and the tags merge with those
     * added by hand, so those users are read first. Provisioning on demand (no stored cycle) always reads: it shows the
     * live record. Returns whether the user is to be written this way.
     */
    private boolean fromWrittenValues(Subject s, Batch b) {
        Map<String, String> written = s.link.writtenValues();
        boolean eligible = !s.writtenRefused && s.link.state() == LinkState.ACTIVE && !written.isEmpty() && s.link.role() != null
                && cycle(b).isPresent() && !initialCycle(b) && !s.decision.hasUnresolvedRoles()
                && roleAndLinked(s.values).equals(roleAndLinked(written));
        if (!eligible) return false;
        s.fromWritten = true;
        Map<String, Object> fields = new HashMap<>();
        written.forEach((k, v) -> {
            if (!k.startsWith("#") && !k.equals("name") && !k.equals("email")) fields.put(k, v);
        });
        ZendeskRole role = s.decision.role();
        Long customRoleId = role != null && role.role().equals(s.link.role()) ? role.customRoleId() : null;
        s.current = new ZendeskUser(s.link.zendeskId(), written.get("name"), written.get("email"), s.id, s.link.role(),
                customRoleId, false, true, fields);
        s.matchedBy = "stored link to Zendesk user " + s.link.zendeskId();
        s.log.step("matching", "Success", s.matchedBy + " (compared with the values last written to it)").target(s.link.zendeskId());
        return true;
    }

    /** The {@code #role}, {@code #organization} and {@code #tags} parts of hashed values. */
    private static Map<String, String> roleAndLinked(Map<String, String> values) {
        Map<String, String> parts = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("#")) parts.put(k, v);
        });
        return parts;
    }

    /** Reads the users that came by id; returns why that read failed, or null. */
    private String fetchFromEntra(Collection<Subject> subjects) {
        List<String> ids = subjects.stream().filter(s -> s.work.fetch()).map(s -> s.id).toList();
        if (ids.isEmpty()) return null;
        Map<String, EntraUser> found = new HashMap<>();
        try {
            for (EntraUser u : ctx.entra().usersByIds(ids)) found.put(u.id(), u);
        } catch (EntraReadException e) {
            // Without a trustworthy read nothing is decided for these users; they are retried later.
            return e.getMessage();
        }
        for (Subject s : subjects) {
            if (!s.work.fetch()) continue;
            s.user = found.get(s.id);
            if (s.user == null) {
                // Not found by id: deleted or in the recycle bin. Suspend (reversible), never delete, on this evidence.
                s.removal = Removal.SOFT_DELETED;
                s.removalReason = "not found in Entra (deleted, or in the recycle bin)";
            }
        }
        return null;
    }

    /**
     * {@code initial}: every user of the tenant comes through some batch of this cycle, so the snapshot is read from
     * this process's copy of it ({@link ScopeCopy}), not queried per batch; other cycles query the few users they have.
     */
    private void decideScope(Collection<Subject> subjects, String generation, RoleContext roles, boolean initial) {
        if (!initial) copies.scope.drop();
        List<String> present = subjects.stream().filter(s -> !s.done && s.user != null && s.removal == Removal.NONE).map(s -> s.id).toList();
        if (present.isEmpty()) return;
        RoleCatalog catalog = new RoleCatalog(roles.appRoles(), roles.customRoles());
        ScopeEvaluator evaluator = ScopeEvaluator.of(ctx.settings(), catalog);
        Map<String, List<Assignment>> direct = initial ? copies.scope.assignmentsOf(generation, present)
                : ctx.stores().scope().assignmentsOf(generation, present);
        Map<String, Set<String>> groupsOf = initial ? copies.scope.groupsOf(generation, present) : ctx.stores().scope().groupsOf(present);
        Set<String> groupIds = new HashSet<>();
        groupsOf.values().forEach(groupIds::addAll);
        Map<String, List<Assignment>> groupAssignments = groupIds.isEmpty() ? Map.of()
                : initial ? copies.scope.assignmentsOf(generation, groupIds) : ctx.stores().scope().assignmentsOf(generation, groupIds);
        for (Subject s : subjects) {
            if (s.done || s.user == null || s.removal != Removal.NONE) continue;
            List<Assignment> viaGroups = new ArrayList<>();
            for (String g : groupsOf.getOrDefault(s.id, Set.of())) viaGroups.addAll(groupAssignments.getOrDefault(g, List.of()));
            s.decision = evaluator.decide(s.user, direct.getOrDefault(s.id, List.of()), viaGroups);
        }
    }

    private Optional<CycleRecord> cycle(Batch b) {
        if (b.cycle == null) b.cycle = ctx.stores().cycles().find(b.cycleId);
        return b.cycle;
    }

    private boolean initialCycle(Batch b) {
        return cycle(b).map(c -> c.mode() == CycleMode.INITIAL).orElse(false);
    }

    /**
     * Only a queued batch of a stored cycle can be delivered again; a dry run writes nothing and provisioning on
     * demand runs once, in the caller's request, so neither keeps intents.
     */
    private boolean keepsIntents(Batch b) {
        return !b.dryRun && cycle(b).isPresent();
    }

    private Map<String, WriteIntent> earlierIntents(Batch b) {
        if (b.earlier == null) {
            b.earlier = new HashMap<>();
            if (keepsIntents(b)) ctx.stores().cycles().intents(b.cycleId, b.stepId).forEach(i -> b.earlier.put(i.objectId(), i));
            b.recorded = new LinkedHashMap<>(b.earlier);
        }
        return b.earlier;
    }

    /**
     * Stores what this delivery is about to write, before it writes (one row for the batch, and only when that
     * changes what is stored). A plan to write nothing replaces an intent this delivery recorded before (a create
     * Zendesk refused because the user existed already, found as desired), and is otherwise left out.
     */
    private void recordIntents(Batch b, List<WriteIntent> planned) {
        if (!keepsIntents(b) || planned.isEmpty()) return;
        earlierIntents(b);
        boolean changed = false;
        for (WriteIntent i : planned) {
            WriteIntent before = b.recorded.get(i.objectId());
            if (i.equals(before) || (!i.writes() && before == null)) continue;
            b.recorded.put(i.objectId(), i);
            changed = true;
        }
        if (changed) ctx.stores().cycles().recordIntents(b.cycleId, b.stepId, List.copyOf(b.recorded.values()));
    }

    /**
     * The write an earlier, interrupted delivery of this batch made for a user now found as desired, or null. The
     * hash ties it to these very values: a user whose desired values changed since is not taken for that write.
     */
    private WriteIntent writtenEarlier(Subject s, Batch b) {
        if (!keepsIntents(b)) return null;
        WriteIntent i = earlierIntents(b).get(s.id);
        if (i == null || !i.writes() || i.hash() == null || !i.hash().equals(s.hash)) return null;
        return writtenByOtherBatch(s, i, b) ? null : i;
    }

    /**
     * A user can come in two batches of one cycle (a delta change and a new assignment): the earlier delivery of
     * this one may have died before its write, and the other batch made and logged it. Then that batch's entry
     * is the one: this batch counts the user as unchanged. Asked only on a redelivery that found an intent (one
     * query in the object's own log partition). Two batches that settle the same user at the same moment could
     * both report the write; that needs a crash and a race on one user at once.
     */
    private boolean writtenByOtherBatch(Subject s, WriteIntent i, Batch b) {
        String mine = s.log.finish(i.action(), ProvisioningStatus.SUCCESS, null, ctx.clock().instant()).changeId();
        return ctx.stores().log().query(new LogQuery(b.cycleId, s.id, null, null), 50, null).entries().stream()
                .anyMatch(e -> !e.changeId().equals(mine) && e.status() != ProvisioningStatus.FAILURE
                        && (e.action() == ProvisioningAction.CREATE || e.action() == ProvisioningAction.UPDATE));
    }

    /** Logs and counts what an earlier delivery of this batch wrote, as that delivery would have. */
    private void reportEarlierWrite(Subject s, WriteIntent i, long zendeskId, Batch b) {
        String verb = i.action() == ProvisioningAction.CREATE ? "created" : i.action().label().toLowerCase(Locale.ROOT) + "d";
        s.log.step("action", "Success", verb + " Zendesk user " + zendeskId + " (by an earlier delivery of this batch, which was cut short)")
                .target(zendeskId).modified(i.modified());
        if (i.joinRole() != null) b.memberships.add(new MembershipWriter.NewAgent(s.id, zendeskId, i.joinRole()));
        succeeded(s, i.action(), b, i.reason());
    }

    private WriteIntent intent(Subject s, UserWrite w, String reason, boolean joins) {
        List<ModifiedProperty> modified = w.modified().stream()
                .map(m -> new ModifiedProperty(m.name(), cut(m.oldValue()), cut(m.newValue()))).toList();
        return new WriteIntent(s.id, w.action(), s.hash, reason, modified, joins ? w.resultingRole() : null);
    }

    /**
     * Values are cut in an intent so that a batch's intents fit one table row (1 MiB) whatever the attributes
     * hold; a log entry rebuilt from an intent shows at most this much of a modified value.
     */
    private static String cut(String value) {
        return value == null || value.length() <= INTENT_VALUE_CHARS ? value : value.substring(0, INTENT_VALUE_CHARS) + "...";
    }

    private void classify(Subject s, List<StagedRemoval> staged, Batch b, List<Subject> toWrite) {
        Counts counts = b.counts;
        if (s.removal == Removal.HARD_DELETED) {
            s.log.step("scoping", "Skipped", "hard-deleted in Entra");
            if (s.link != null && s.link.state() != LinkState.DELETED) {
                staged.add(new StagedRemoval(ObjectKind.USER, s.id, s.name(), s.link.zendeskId(), ProvisioningAction.DELETE,
                        "permanently deleted in Entra", false));
                counts.add(Counts.STAGED);
            } else {
                counts.add(Counts.OUT_OF_SCOPE);
            }
            return;
        }
        if (s.removal == Removal.SOFT_DELETED || !s.decision.inScope()) {
            String why = s.removal == Removal.SOFT_DELETED ? s.removalReason() : s.decision.reason();
            if (s.link != null && s.link.state() == LinkState.ACTIVE) {
                // A filter verdict rests on the attributes read here, which the end-of-cycle re-check has not.
                boolean scopeOnly = s.removal == Removal.NONE && s.user.accountEnabled() && !s.decision.outsideFilters();
                staged.add(new StagedRemoval(ObjectKind.USER, s.id, s.name(), s.link.zendeskId(), ProvisioningAction.DISABLE,
                        why, scopeOnly));
                counts.add(Counts.STAGED);
            } else if (s.link != null && s.link.state() == LinkState.SUSPENDED && initialCycle(b)) {
                // Suspended by the service: an initial cycle checks it was not unsuspended by hand since.
                s.outOfScopeReason = why;
                b.suspendedToVerify.add(s);
            } else {
                counts.add(Counts.OUT_OF_SCOPE);
                // Nothing to write or remove: a retry of this user (a failed create, a failed suspension) is needed no more.
                if (s.work.fetch() && !b.dryRun) failures.succeeded(ObjectKind.USER, s.id);
            }
            return;
        }
        if (s.decision.hasUnresolvedRoles()) {
            s.decision.unresolvedRoles().forEach(r -> counts.add(Counts.unresolvedCustomRole(r)));
            s.log.step("scoping", "Warning", s.decision.reason());
            if (s.decision.keepsZendeskState() && (s.link == null || s.link.state() == LinkState.DELETED)) {
                // Created with which role? Unknowable: nothing is created; looked at again in later cycles.
                String reason = s.decision.reason() + "; not created until the role resolves (fix the role name in Zendesk"
                        + " or in the application's app roles)";
                s.log.step("action", "Skipped", "not created");
                b.entries.add(s.log.finish(ProvisioningAction.SKIP, ProvisioningStatus.WARNING, reason, ctx.clock().instant()));
                counts.action(ProvisioningAction.SKIP, ProvisioningStatus.WARNING);
                failures.retryLater(ObjectKind.USER, s.id, reason, b.dryRun);
                s.done = true;
                return;
            }
        } else {
            s.log.step("scoping", "Success", s.decision.reason());
        }
        s.desired = mapper.map(s.user);
        for (String problem : s.desired.problems()) s.log.step("mapping", "Warning", problem + " (left out)");
        Map<String, Object> hashed = new LinkedHashMap<>(s.desired.always());
        hashed.put("#role", s.decision.role() == null ? "" : s.decision.role().label() + "/" + s.decision.role().customRoleId());
        // Only present when mapped, so configurations without them keep the hashes they stored.
        String organization = organizationName(s);
        if (organization != null) hashed.put("#organization", organization);
        if (tagsMapped) hashed.put("#tags", String.join(" ", new TreeSet<>(desiredTags(s))));
        s.hash = ValueHash.of(hashed);
        s.values = new LinkedHashMap<>();
        hashed.forEach((k, v) -> s.values.put(k, String.valueOf(v)));
        if (s.link != null && s.link.state() == LinkState.ACTIVE && s.hash.equals(s.link.writtenHash()) && !initialCycle(b)) {
            WriteIntent earlier = writtenEarlier(s, b);
            if (earlier != null) {
                reportEarlierWrite(s, earlier, s.link.zendeskId(), b);
                return;
            }
            if (s.decision.hasUnresolvedRoles()) {
                s.log.step("action", "Skipped", "Zendesk role and suspension kept").target(s.link.zendeskId());
                b.entries.add(s.log.finish(ProvisioningAction.SKIP, ProvisioningStatus.WARNING, s.decision.reason()
                        + "; the Zendesk user keeps its role and suspension", ctx.clock().instant()));
                counts.action(ProvisioningAction.SKIP, ProvisioningStatus.WARNING);
            } else {
                counts.add(Counts.UNCHANGED);
            }
            if (s.work.fetch()) failures.succeeded(ObjectKind.USER, s.id);
            return;
        }
        counts.add(Counts.ATTEMPTED_WRITES);
        toWrite.add(s);
    }

    /**
     * Out-of-scope users the service suspended and someone unsuspended by hand are suspended again (staged for
     * the deletion guard like any suspension). One {@code show_many} for the batch; if it fails, nothing is
     * decided on it (the next initial cycle looks again).
     */
    private void verifySuspended(Batch b, List<StagedRemoval> staged) {
        if (b.suspendedToVerify.isEmpty()) return;
        Map<Long, ZendeskUser> byId = new HashMap<>();
        try {
            ctx.zendesk().usersByIds(b.suspendedToVerify.stream().map(s -> s.link.zendeskId()).toList()).forEach(u -> byId.put(u.id(), u));
        } catch (RuntimeException e) {
            b.counts.add(Counts.OUT_OF_SCOPE, b.suspendedToVerify.size());
            return;
        }
        for (Subject s : b.suspendedToVerify) {
            ZendeskUser u = byId.get(s.link.zendeskId());
            if (u != null && u.active() && !u.suspended()) {
                boolean scopeOnly = s.removal == Removal.NONE && s.user.accountEnabled() && !s.decision.outsideFilters();
                staged.add(new StagedRemoval(ObjectKind.USER, s.id, s.name(), u.id(), ProvisioningAction.DISABLE,
                        s.outOfScopeReason + "; it was unsuspended in Zendesk by hand", scopeOnly));
                b.counts.add(Counts.STAGED);
            } else {
                b.counts.add(Counts.OUT_OF_SCOPE);
            }
        }
    }

    private void readCurrent(List<Subject> linked, List<Subject> unlinked, Batch b) {
        if (linked.isEmpty()) return;
        List<ZendeskUser> found;
        try {
            found = ctx.zendesk().usersByIds(linked.stream().map(s -> s.link.zendeskId()).toList());
        } catch (RuntimeException e) {
            linked.forEach(s -> fail(s, ProvisioningAction.UPDATE, e, b));
            return;
        }
        Map<Long, ZendeskUser> byId = new HashMap<>();
        found.forEach(u -> byId.put(u.id(), u));
        for (Subject s : linked) {
            ZendeskUser u = byId.get(s.link.zendeskId());
            if (u != null && u.active()) {
                s.current = u;
                s.matchedBy = "stored link to Zendesk user " + u.id();
                s.log.step("matching", "Success", s.matchedBy).target(u.id());
            } else {
                // The linked record was deleted in Zendesk by hand: match again from scratch.
                s.log.step("matching", "Warning", "linked Zendesk user " + s.link.zendeskId() + " no longer exists; matching again");
                s.link = null;
                unlinked.add(s);
            }
        }
    }

    private void matchByExternalId(List<Subject> unlinked, Batch b) {
        if (unlinked.isEmpty()) return;
        List<ZendeskUser> found;
        try {
            found = ctx.zendesk().usersByExternalIds(unlinked.stream().map(s -> s.id).toList());
        } catch (RuntimeException e) {
            unlinked.forEach(s -> fail(s, ProvisioningAction.CREATE, e, b));
            return;
        }
        Map<String, ZendeskUser> byExternalId = new HashMap<>();
        for (ZendeskUser u : found) {
            if (u.externalId() != null && u.active()) byExternalId.put(u.externalId().toLowerCase(Locale.ROOT), u);
        }
        for (Subject s : unlinked) {
            ZendeskUser u = byExternalId.get(s.id.toLowerCase(Locale.ROOT));
            if (u != null) {
                s.current = u;
                s.matchedBy = "external_id of Zendesk user " + u.id();
                s.log.step("matching", "Success", "matched by " + s.matchedBy).target(u.id());
            } else {
                s.link = null;
            }
        }
    }

    private void create(List<Subject> creates, Map<Subject, UserWrite> writes, Batch b) {
        if (creates.isEmpty()) return;
        List<Subject> emailPath = new ArrayList<>();
        List<Subject> taken = new ArrayList<>();
        if (b.dryRun) {
            // Nothing may be written, so the e-mail match a create would reveal is looked up directly.
            emailPath.addAll(creates);
        } else {
            List<UserWrite> planned = creates.stream()
                    .map(this::planCreate).toList();
            List<WriteIntent> intents = new ArrayList<>();
            for (int i = 0; i < creates.size(); i++) {
                intents.add(intent(creates.get(i), planned.get(i), createdAs(planned.get(i)), true));
            }
            recordIntents(b, intents);
            List<UserWriteResult> results;
            try {
                results = ctx.zendesk().createUsers(planned.stream().map(w -> ZendeskUserFields.of(w.fields())).toList());
            } catch (RuntimeException e) {
                creates.forEach(s -> fail(s, ProvisioningAction.CREATE, e, b));
                return;
            }
            for (int i = 0; i < creates.size(); i++) {
                Subject s = creates.get(i);
                UserWriteResult r = i < results.size() ? results.get(i) : null;
                UserWrite w = planned.get(i);
                if (r != null && r.success() && r.id() != null) {
                    s.log.step("matching", "Success", "no Zendesk user has this external id or e-mail")
                            .step("action", "Success", "created Zendesk user " + r.id()).target(r.id()).modified(w.modified());
                    saveLink(s, r.id(), w.resultingRole(), b);
                    succeeded(s, ProvisioningAction.CREATE, b, createdAs(w));
                    b.memberships.add(new MembershipWriter.NewAgent(s.id, r.id(), w.resultingRole()));
                } else if (r != null && r.error() != null && (r.error().emailTaken() || r.error().externalIdTaken())) {
                    s.refusal = r.error().description();
                    s.externalIdRefused = r.error().externalIdTaken();
                    taken.add(s);
                } else {
                    ZendeskError error = r == null ? new ZendeskError(0, "NoResult", "Zendesk returned no result for this user", List.of(), true) : r.error();
                    failWith(s, ProvisioningAction.CREATE, FailureRecorder.codeOf(error), error.description(), b);
                }
            }
        }
        if (!taken.isEmpty()) {
            // Refused because the external id or the e-mail exists: match in CONTRACT.md's order, external id first.
            // Only a refusal that names the external id is looked up by it: one that names the e-mail alone goes to
            // the e-mail rule, which links a user carrying our external id as well (an earlier, cut-short create),
            // so the common case, a user made by hand, costs no lookup by external id (one request per batch).
            matchByExternalId(taken.stream().filter(s -> s.externalIdRefused).toList(), b);
            for (Subject s : taken) {
                if (s.done) continue;
                if (s.current != null) writes.put(s, planUpdate(s));
                else emailPath.add(s);
            }
        }
        matchByEmail(emailPath, writes, b);
    }

    /**
     * The e-mail rule, for the whole batch at once: one bulk search for all its e-mails, each matched with the
     * users' primary e-mail (case-insensitive). An e-mail Zendesk refused as taken that the bulk answer does not
     * show (held as a secondary identity) is then searched alone, so the match never rests on the bulk search.
     */
    private void matchByEmail(List<Subject> subjects, Map<Subject, UserWrite> writes, Batch b) {
        if (subjects.isEmpty()) return;
        Map<Subject, String> emails = new LinkedHashMap<>();
        for (Subject s : subjects) emails.put(s, s.desired.forCreate().getOrDefault("email", s.user.email()) + "");
        Map<String, List<ZendeskUser>> byEmail = new HashMap<>();
        try {
            for (ZendeskUser u : ctx.zendesk().usersByEmails(new ArrayList<>(new java.util.LinkedHashSet<>(emails.values())))) {
                if (u.email() != null) byEmail.computeIfAbsent(u.email().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(u);
            }
        } catch (RuntimeException e) {
            subjects.forEach(s -> fail(s, ProvisioningAction.CREATE, e, b));
            return;
        }
        for (Subject s : subjects) {
            String email = emails.get(s);
            List<ZendeskUser> candidates = byEmail.getOrDefault(email.toLowerCase(Locale.ROOT), List.of());
            if (candidates.isEmpty() && s.refusal != null) {
                try {
                    candidates = ctx.zendesk().usersByEmail(email);
                } catch (RuntimeException e) {
                    fail(s, ProvisioningAction.CREATE, e, b);
                    continue;
                }
            }
            EmailMatch match = EmailMatch.decide(s.id, email, candidates);
            switch (match.outcome()) {
                case NONE -> {
                    if (b.dryRun) {
                        UserWrite w = planCreate(s);
                        s.log.step("matching", "Success", "no Zendesk user has this external id or e-mail")
                                .step("action", "Success", "would create").modified(w.modified());
                        succeeded(s, ProvisioningAction.CREATE, b, "would create as " + w.resultingRole());
                    } else {
                        failWith(s, ProvisioningAction.CREATE, "EmailTaken", "Zendesk refused to create the user"
                                + (s.refusal == null ? "" : " (\"" + s.refusal + "\")") + ": the e-mail " + email
                                + " is taken, but no user with it can be found (it may belong to a deleted user)", b);
                    }
                }
                case LINKABLE -> {
                    s.current = match.user();
                    s.matchedBy = match.reason();
                    s.log.step("matching", "Success", match.reason()).target(match.user().id());
                    writes.put(s, planUpdate(s));
                }
                case CONFLICT -> failWith(s, ProvisioningAction.CREATE, "MatchConflict", match.reason(), b);
            }
        }
    }

    private void update(Map<Subject, UserWrite> writes, Batch b) {
        List<Subject> send = new ArrayList<>();
        List<UserUpdate> updates = new ArrayList<>();
        List<WriteIntent> intents = new ArrayList<>();
        for (Map.Entry<Subject, UserWrite> e : writes.entrySet()) {
            Subject s = e.getKey();
            if (s.done) continue;
            UserWrite w = e.getValue();
            WriteIntent earlier = w.sendsNothing() ? writtenEarlier(s, b) : null;
            if (earlier != null) {
                // Zendesk holds what Entra says because an earlier delivery wrote it: report that write.
                saveLink(s, s.current.id(), w.resultingRole(), b);
                reportEarlierWrite(s, earlier, s.current.id(), b);
                continue;
            }
            if (w.sendsNothing()) {
                if (!b.dryRun) intents.add(new WriteIntent(s.id, ProvisioningAction.SKIP, s.hash, null, List.of(), null));
                // Zendesk already holds what Entra says: remember that, so the next cycle costs nothing.
                if (!b.dryRun) saveLink(s, s.current.id(), w.resultingRole(), b);
                if (w.roleNote() != null || s.decision.hasUnresolvedRoles()) {
                    String note = s.decision.hasUnresolvedRoles()
                            ? s.decision.reason() + "; the Zendesk user keeps its role and suspension" + (w.roleNote() == null ? "" : "; " + w.roleNote())
                            : w.roleNote();
                    s.log.step("action", "Skipped", note);
                    b.entries.add(s.log.finish(ProvisioningAction.SKIP, ProvisioningStatus.WARNING, note, ctx.clock().instant()));
                    b.counts.action(ProvisioningAction.SKIP, ProvisioningStatus.WARNING);
                } else {
                    b.counts.add(Counts.UNCHANGED);
                }
                s.done = true;
                if (s.work.fetch() && !b.dryRun) failures.succeeded(ObjectKind.USER, s.id);
                continue;
            }
            if (b.dryRun) {
                s.log.modified(w.modified()).step("action", "Success", "would " + w.action().label().toLowerCase(Locale.ROOT));
                succeeded(s, w.action(), b, describe(w, s));
                continue;
            }
            send.add(s);
            updates.add(new UserUpdate(s.current.id(), ZendeskUserFields.of(w.fields())));
            intents.add(intent(s, w, describe(w, s), raises(s, w)));
        }
        recordIntents(b, intents);
        if (send.isEmpty()) return;
        List<UserWriteResult> results;
        try {
            results = ctx.zendesk().updateUsers(updates);
        } catch (RuntimeException e) {
            send.forEach(s -> fail(s, writes.get(s).action(), e, b));
            return;
        }
        for (int i = 0; i < send.size(); i++) {
            Subject s = send.get(i);
            UserWrite w = writes.get(s);
            UserWriteResult r = i < results.size() ? results.get(i) : null;
            if (r != null && r.success()) {
                s.log.modified(w.modified()).step("action", "Success", w.action().label() + "d Zendesk user " + s.current.id());
                saveLink(s, s.current.id(), w.resultingRole(), b);
                succeeded(s, w.action(), b, describe(w, s));
                if (raises(s, w)) b.memberships.add(new MembershipWriter.NewAgent(s.id, s.current.id(), w.resultingRole()));
            } else if (s.fromWritten && r != null && r.error() != null) {
                // Zendesk's record is not what was last written (deleted by hand, an e-mail taken): read it and write again.
                s.log.step("action", "Warning", "Zendesk refused the update (\"" + r.error().description()
                        + "\"); reading the user and writing again");
                s.current = null;
                s.fromWritten = false;
                s.writtenRefused = true;
                b.refusedFromWritten.add(s);
            } else {
                ZendeskError error = r == null || r.error() == null
                        ? new ZendeskError(0, "NoResult", "Zendesk returned no result for this user", List.of(), true) : r.error();
                failWith(s, w.action(), FailureRecorder.codeOf(error), error.description(), b);
            }
        }
    }

    /** Whether the write changes the role or links the user anew: then it joins its linked groups. */
    private static boolean raises(Subject s, UserWrite w) {
        return !Objects.equals(w.resultingRole(), s.current.role()) || s.link == null;
    }

    private static String createdAs(UserWrite w) {
        return "created as " + w.resultingRole();
    }

    private UserWrite planCreate(Subject s) {
        UserWrite w = planner.forCreate(s.id, s.desired, s.decision.role());
        return planner.withLinked(w, null, s.organizationId, List.of(), tagsMapped ? desiredTags(s) : null);
    }

    private UserWrite planUpdate(Subject s) {
        UserWrite w = planner.forUpdate(s.id, s.current, s.desired, s.decision.role(), s.decision.keepsZendeskState());
        // From written values, organization and tags are as last written (a condition of that path): left as they are.
        if (s.fromWritten) return w;
        List<String> owned = s.link == null ? List.of() : s.link.ownedTags();
        return planner.withLinked(w, s.current, s.organizationId, owned, tagsMapped ? desiredTags(s) : null);
    }

    /**
     * The organizations the users to write name, resolved once for the batch (listed, the missing ones created in
     * bulk). A user whose organization cannot be had is not written: it fails with the reason and is retried later.
     */
    private void resolveOrganizations(List<Subject> toWrite, Batch b) {
        List<Subject> naming = toWrite.stream().filter(s -> !s.done && organizationName(s) != null).toList();
        if (naming.isEmpty()) return;
        OrganizationResolver.Resolution resolution;
        try {
            resolution = organizations.resolve(naming.stream().map(this::organizationName).toList(), b.dryRun);
        } catch (RuntimeException e) {
            naming.forEach(s -> fail(s, s.current == null ? ProvisioningAction.CREATE : ProvisioningAction.UPDATE, e, b));
            return;
        }
        for (Subject s : naming) {
            String name = organizationName(s);
            s.organizationId = resolution.idOf(name);
            String problem = resolution.problemOf(name);
            if (problem != null) {
                failWith(s, s.current == null ? ProvisioningAction.CREATE : ProvisioningAction.UPDATE, "OrganizationUnresolved", problem, b);
            } else if (s.organizationId == null) {
                s.log.step("organization", "Success", "would create the organization \"" + name.trim() + "\"");
            } else {
                s.log.step("organization", "Success", "organization \"" + name.trim() + "\" is " + s.organizationId);
            }
        }
    }

    private String organizationName(Subject s) {
        Object name = s.desired.linked().get(ZendeskTargets.ORGANIZATION);
        return name == null || name.toString().isBlank() ? null : name.toString();
    }

    /** The tags the mapping gives (empty when it gives none: then the tags it owned go). */
    private static List<String> desiredTags(Subject s) {
        Object tags = s.desired.linked().get(ZendeskTargets.TAGS);
        return tags instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private String describe(UserWrite w, Subject s) {
        String what = w.modified().isEmpty() ? "no attribute changed"
                : "changed " + String.join(", ", w.modified().stream().map(m -> m.name()).toList());
        String via = s.matchedBy != null && s.link == null ? " (linked by " + s.matchedBy + ")" : "";
        return what + via + (w.roleNote() != null ? "; " + w.roleNote() : "");
    }

    private void saveLink(Subject s, long zendeskId, String role, Batch b) {
        b.links.add(new Link(ObjectKind.USER, s.id, zendeskId, LinkState.ACTIVE, role, s.hash, ctx.clock().instant(), null,
                tagsMapped ? desiredTags(s) : List.of(), s.values));
    }

    private void succeeded(Subject s, ProvisioningAction action, Batch b, String reason) {
        if (s.decision != null && s.decision.hasUnresolvedRoles()) {
            // Written, but not as Entra asks: the entry says which role could not be resolved and why.
            b.entries.add(s.log.finish(action, ProvisioningStatus.WARNING, reason + "; " + s.decision.reason()
                    + (s.decision.keepsZendeskState() ? "; role and suspension kept as Zendesk has them" : ""), ctx.clock().instant()));
            b.counts.action(action, ProvisioningStatus.WARNING);
        } else {
            b.entries.add(s.log.finish(action, ProvisioningStatus.SUCCESS, reason, ctx.clock().instant()));
            b.counts.action(action, ProvisioningStatus.SUCCESS);
        }
        s.done = true;
        // Retries and re-evaluations arrive by id; only they can have an escrow entry worth a delete call.
        if (s.work.fetch() && !b.dryRun) failures.succeeded(ObjectKind.USER, s.id);
    }

    private void fail(Subject s, ProvisioningAction action, RuntimeException e, Batch b) {
        if (e instanceof ZendeskException z && z.credentialsRejected()) b.counts.add(Counts.CREDENTIAL_FAILURES);
        String reason = e instanceof ZendeskException z ? z.error().description() : String.valueOf(e.getMessage());
        failWith(s, action, FailureRecorder.codeOf(e), reason, b);
    }

    private void failWith(Subject s, ProvisioningAction action, String code, String reason, Batch b) {
        if (s.done) return;
        s.log.step("action", "Failure", reason);
        b.entries.add(s.log.finish(action, ProvisioningStatus.FAILURE, reason + " (will be retried in a later cycle)", ctx.clock().instant()));
        b.counts.action(action, ProvisioningStatus.FAILURE);
        failures.failed(b.cycleId, ObjectKind.USER, s.id, action, code, reason, b.dryRun);
        s.done = true;
    }
}
