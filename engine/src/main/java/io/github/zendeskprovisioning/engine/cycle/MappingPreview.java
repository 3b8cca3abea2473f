package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.actions.UserWrite;
import io.github.zendeskprovisioning.engine.actions.UserWritePlanner;
import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.mapping.DesiredRecord;
import io.github.zendeskprovisioning.engine.mapping.MappingResult;
import io.github.zendeskprovisioning.engine.mapping.RecordMapper;
import io.github.zendeskprovisioning.engine.mapping.filters.ClauseVerdict;
import io.github.zendeskprovisioning.engine.mapping.filters.FilterVerdict;
import io.github.zendeskprovisioning.engine.mapping.filters.ScopingVerdict;
import io.github.zendeskprovisioning.engine.matching.EmailMatch;
import io.github.zendeskprovisioning.engine.scope.RoleCatalog;
import io.github.zendeskprovisioning.engine.scope.ScopeDecision;
import io.github.zendeskprovisioning.engine.scope.ScopeEvaluator;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a cycle would do with one Entra user, computed from the same parts a cycle uses (mapper, scope evaluator,
 * matching, write planner) and written nowhere: it only reads Entra, Zendesk and the stored links and group
 * memberships. Group memberships are those of the last cycle's snapshot (a preview does not refresh it); the
 * user's own and its groups' assignments are read live.
 */
public final class MappingPreview {
    private final EngineContext ctx;
    private final UserWritePlanner planner = new UserWritePlanner();

    public MappingPreview(EngineContext ctx) {
        this.ctx = ctx;
    }

    /** One mapping: the source values it read, its result (as a log may show it), and its problem if any. */
    public record MappingLine(String target, String apply, Map<String, String> sources, String result,
                              boolean fromDefault, String problem) {
    }

    /** One scoping clause's verdict, with its 1-based filter number. */
    public record ClauseLine(int filter, String clause, String actual, boolean passed, String why) {
    }

    /**
     * The whole preview. {@code action}: Create, Update, Suspend, or None; {@code changes}: the attributes it would
     * write, old against new (old is null on create); {@code matchedBy}: how the live Zendesk user was found.
     */
    public record Result(String objectId, String name, List<MappingLine> mappings, boolean filtersInScope,
                         String filtersReason, List<ClauseLine> clauses, boolean inScope, String role, String scopeReason,
                         Long zendeskId, String matchedBy, String action, List<ModifiedProperty> changes, List<String> notes) {
        public Result {
            mappings = List.copyOf(mappings);
            clauses = List.copyOf(clauses);
            changes = List.copyOf(changes);
            notes = List.copyOf(notes);
        }
    }

    /** @throws IllegalArgumentException when no Entra user has this object id */
    public Result preview(String objectId) {
        EntraUser user = ctx.entra().user(objectId)
                .orElseThrow(() -> new IllegalArgumentException("no Entra user has the object id " + objectId));
        DesiredRecord desired = new RecordMapper(ctx.settings().mappings().userMappings(), ctx.clock()).map(user);
        List<MappingLine> mappings = new ArrayList<>();
        for (MappingResult r : desired.results()) mappings.add(line(r));

        List<AppRole> appRoles = new ArrayList<>();
        List<Assignment> direct = new ArrayList<>();
        List<Assignment> viaGroups = new ArrayList<>();
        readAssignments(user.id(), appRoles, direct, viaGroups);
        ScopeEvaluator evaluator = ScopeEvaluator.of(ctx.settings(), new RoleCatalog(appRoles, Reads.customRolesFor(appRoles, ctx.zendesk())));
        ScopeDecision decision = evaluator.decide(user, direct, viaGroups);
        ScopingVerdict filters = evaluator.filterVerdict(user);
        List<ClauseLine> clauses = new ArrayList<>();
        for (FilterVerdict f : filters.filters()) {
            for (ClauseVerdict c : f.clauses()) {
                clauses.add(new ClauseLine(f.number(), c.clause().describe(), c.actual(), c.passed(), c.why()));
            }
        }

        List<String> notes = new ArrayList<>(desired.problems());
        Match match = match(user, desired, notes);
        String action;
        List<ModifiedProperty> changes = new ArrayList<>();
        Link link = match.link;
        if (!decision.inScope()) {
            boolean managed = link != null && link.state() == LinkState.ACTIVE && match.current != null;
            if (managed && !match.current.suspended()) {
                action = "Suspend";
                changes.add(new ModifiedProperty("suspended", "false", "true"));
                notes.add("suspensions pass the deletion guard (PROVISIONING_DELETE_THRESHOLD) at the end of the cycle");
            } else {
                action = "None";
                notes.add(managed ? "already suspended" : "out of scope and not provisioned by the service: nothing is written");
            }
        } else if (match.conflict != null) {
            action = "None";
            notes.add("a cycle would fail this user: " + match.conflict);
        } else if (match.current != null) {
            UserWrite w = planner.forUpdate(user.id(), match.current, desired, decision.role(), decision.keepsZendeskState());
            action = w.sendsNothing() ? "None" : w.action().label();
            changes.addAll(w.modified());
            if (w.sendsNothing()) notes.add("the live Zendesk user already holds what the mapping gives");
            if (w.roleNote() != null) notes.add(w.roleNote());
        } else if (decision.keepsZendeskState()) {
            action = "None";
            notes.add("not created until its custom role resolves");
        } else {
            UserWrite w = planner.forCreate(user.id(), desired, decision.role());
            action = w.action().label();
            changes.addAll(w.modified());
        }
        String role = decision.inScope()
                ? (decision.role() == null ? "none assigned (created as end-user; an existing role is kept)" : decision.role().label())
                : null;
        String name = user.email() != null ? user.email() : user.displayName();
        return new Result(user.id(), name, mappings, filters.inScope(), filters.reason(), clauses, decision.inScope(), role,
                decision.reason(), match.current == null ? null : match.current.id(), match.matchedBy, action, changes, notes);
    }

    private static MappingLine line(MappingResult r) {
        Map<String, String> sources = new LinkedHashMap<>();
        r.sourceValues().forEach((k, v) -> sources.put(k, v == null ? null : r.redacted() ? "[Redact]" : String.valueOf(v)));
        return new MappingLine(r.target(), r.applyWhen().name().equals("ON_CREATE") ? "onCreate" : "always", sources,
                r.shown(), r.fromDefault(), r.problem());
    }

    /** The user's direct assignments, and those of the groups it was a member of at the last cycle; read, never stored. */
    private void readAssignments(String userId, List<AppRole> appRoles, List<Assignment> direct, List<Assignment> viaGroups) {
        String sp = ctx.settings().servicePrincipalId();
        if (sp == null || sp.isBlank()) return;
        appRoles.addAll(ctx.entra().appRoles(sp));
        Set<String> groups = ctx.stores().scope().groupsOf(List.of(userId)).getOrDefault(userId, Set.of());
        String cursor = null;
        do {
            Page<Assignment> page = ctx.entra().assignments(sp, cursor);
            for (Assignment a : page.items()) {
                if (a.principalId().equalsIgnoreCase(userId)) direct.add(a);
                else if (groups.contains(a.principalId())) viaGroups.add(a);
            }
            cursor = page.nextPageToken();
        } while (cursor != null);
    }

    private static final class Match {
        Link link;
        ZendeskUser current;
        String matchedBy;
        String conflict;
    }

    /** As a cycle matches: the stored link, then external_id, then e-mail (CONTRACT.md's order). */
    private Match match(EntraUser user, DesiredRecord desired, List<String> notes) {
        Match m = new Match();
        Optional<Link> link = ctx.stores().links().find(ObjectKind.USER, user.id());
        if (link.isPresent() && link.get().state() != LinkState.DELETED) {
            m.link = link.get();
            Optional<ZendeskUser> linked = ctx.zendesk().usersByIds(List.of(link.get().zendeskId())).stream()
                    .filter(ZendeskUser::active).findFirst();
            if (linked.isPresent()) {
                m.current = linked.get();
                m.matchedBy = "stored link to Zendesk user " + m.current.id();
                return m;
            }
            notes.add("linked Zendesk user " + link.get().zendeskId() + " no longer exists; matched again");
        }
        for (ZendeskUser u : ctx.zendesk().usersByExternalIds(List.of(user.id()))) {
            if (u.active() && u.externalId() != null && u.externalId().toLowerCase(Locale.ROOT).equals(user.id().toLowerCase(Locale.ROOT))) {
                m.current = u;
                m.matchedBy = "external_id of Zendesk user " + u.id();
                return m;
            }
        }
        Object email = desired.forCreate().getOrDefault("email", user.email());
        if (email == null) return m;
        EmailMatch match = EmailMatch.decide(user.id(), email.toString(), ctx.zendesk().usersByEmail(email.toString()));
        switch (match.outcome()) {
            case LINKABLE -> {
                m.current = match.user();
                m.matchedBy = match.reason();
            }
            case CONFLICT -> m.conflict = match.reason();
            case NONE -> { }
        }
        return m;
    }
}
