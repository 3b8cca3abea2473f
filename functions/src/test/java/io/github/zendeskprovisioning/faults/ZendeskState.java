package io.github.zendeskprovisioning.faults;

import io.github.zendeskprovisioning.simulators.zendesk.SimulatedGroup;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a Zendesk simulator holds, without its ids (which differ between runs): each user by e-mail with the
 * attributes the product writes, each live group, each membership as (e-mail, group name), each organization.
 * Two runs that end equal wrote the same things. {@link #duplicates} names what exists twice.
 */
record ZendeskState(Map<String, String> users, TreeSet<String> groups, TreeSet<String> memberships,
                    TreeSet<String> organizations) {

    static ZendeskState of(ZendeskSimulator zendesk) {
        Map<Long, String> orgs = zendesk.organizations();
        Map<Long, String> emailOf = new HashMap<>();
        Map<String, String> users = new TreeMap<>();
        for (SimulatedUser u : zendesk.users()) {
            String email = u.email() == null ? "#" + u.externalId() : u.email().toLowerCase(Locale.ROOT);
            emailOf.put(u.id(), email);
            Object org = u.attribute("organization_id");
            String orgName = org instanceof Number n ? orgs.get(n.longValue()) : null;
            users.merge(email, "name=" + u.name() + " external_id=" + u.externalId() + " role=" + u.role()
                    + " active=" + u.active() + " suspended=" + u.suspended() + " organization=" + orgName,
                    (a, b) -> a + " AND " + b);
        }
        Map<Long, String> groupName = new HashMap<>();
        TreeSet<String> groups = new TreeSet<>();
        for (SimulatedGroup g : zendesk.groups()) {
            if (g.deleted()) continue;
            groupName.put(g.id(), g.name());
            groups.add(g.name() + " (" + g.description() + ")");
        }
        TreeSet<String> memberships = zendesk.memberships().stream()
                .filter(m -> groupName.containsKey(m.groupId()))
                .map(m -> emailOf.get(m.userId()) + " in " + groupName.get(m.groupId()))
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> organizations = orgs.values().stream().map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        return new ZendeskState(users, groups, memberships, organizations);
    }

    /** Users sharing an external id or an e-mail, live groups sharing a name, organizations sharing a name. */
    static List<String> duplicates(ZendeskSimulator zendesk) {
        List<String> out = new ArrayList<>();
        out.addAll(twice(zendesk.users().stream().map(SimulatedUser::externalId).filter(Objects::nonNull).toList(), "user external_id"));
        out.addAll(twice(zendesk.users().stream().flatMap(u -> u.emails().stream()).map(e -> e.toLowerCase(Locale.ROOT)).toList(), "user e-mail"));
        out.addAll(twice(zendesk.groups().stream().filter(g -> !g.deleted()).map(g -> g.name().toLowerCase(Locale.ROOT)).toList(), "group"));
        out.addAll(twice(zendesk.organizations().values().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList(), "organization"));
        return out;
    }

    private static List<String> twice(List<String> keys, String what) {
        return keys.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> what + " '" + e.getKey() + "' x" + e.getValue()).sorted().toList();
    }

    /** The differences from {@code expected}, one line each (empty when equal). */
    List<String> differencesFrom(ZendeskState expected) {
        List<String> out = new ArrayList<>();
        TreeSet<String> emails = new TreeSet<>(users.keySet());
        emails.addAll(expected.users.keySet());
        for (String e : emails) {
            String want = expected.users.get(e);
            String got = users.get(e);
            if (!Objects.equals(want, got)) out.add("user " + e + ": expected [" + want + "] but was [" + got + "]");
        }
        diff(out, "group", expected.groups, groups);
        diff(out, "membership", expected.memberships, memberships);
        diff(out, "organization", expected.organizations, organizations);
        return out;
    }

    private static void diff(List<String> out, String what, TreeSet<String> want, TreeSet<String> got) {
        want.stream().filter(w -> !got.contains(w)).forEach(w -> out.add(what + " missing: " + w));
        got.stream().filter(g -> !want.contains(g)).forEach(g -> out.add(what + " unexpected: " + g));
    }
}
