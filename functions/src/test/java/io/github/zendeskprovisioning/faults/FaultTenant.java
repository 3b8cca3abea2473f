package io.github.zendeskprovisioning.faults;

import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.graph.SimAppRole;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault tests' tenant, deterministic: {@code users} users (at least 15), all assigned to the app as end-users
 * (user 7 as an agent) with a company (so organizations are written); "Support" (agents) and "Admins" (admins)
 * assigned with members, so groups and memberships are written; "Legacy" assigned as end-users (a group without
 * memberships, to be unassigned and deleted); "Escalations" not yet assigned; larger tenants add agent teams of
 * forty. User 8 was made in Zendesk by hand and is matched by e-mail. {@link #changeEntra} then makes one change of
 * every kind the incremental cycle writes: a rename, a disabled account, an unassignment, a permanent delete, a new
 * user of a new company, a member added and one removed, a group assigned, a group renamed and a group unassigned.
 */
final class FaultTenant {
    static final String SERVICE_PRINCIPAL = "5f1e2d3c-0000-4000-8000-0000000000fa";
    static final String SUPPORT = "a0000000-0000-4000-8000-0000000000f1";
    static final String ADMINS = "a0000000-0000-4000-8000-0000000000f2";
    static final String ESCALATIONS = "a0000000-0000-4000-8000-0000000000f3";
    static final String LEGACY = "a0000000-0000-4000-8000-0000000000f4";
    static final String END_USER = "e0000000-0000-4000-8000-0000000000f1";
    static final String AGENT = "e0000000-0000-4000-8000-0000000000f2";
    static final String ADMIN = "e0000000-0000-4000-8000-0000000000f3";
    /** The mapping: defaults plus an organization from the company, and groups that leave scope deleted. */
    static final String MAPPINGS = """
            {"users": [
              {"target": "name", "source": "displayName"},
              {"target": "email", "source": ["mail", "userPrincipalName"], "apply": "onCreate"},
              {"target": "organization", "source": "companyName"}
            ],
             "deleteGroups": true}""";

    private final int users;

    private FaultTenant(int users) {
        this.users = users;
    }

    static FaultTenant of(int users) {
        if (users < 15) throw new IllegalArgumentException("the fault tenant needs at least 15 users, not " + users);
        return new FaultTenant(users);
    }

    static String userId(int i) {
        return String.format("d0000000-0000-4000-8000-%012d", i);
    }

    static String email(int i) {
        return "user" + i + "@fabrikam.test";
    }

    private static String teamId(int t) {
        return String.format("b0000000-0000-4000-8000-%012d", t);
    }

    void seed(GraphSimulator graph, ZendeskSimulator zendesk) {
        graph.createServicePrincipal(SERVICE_PRINCIPAL, "Zendesk", List.of(
                new SimAppRole(END_USER, "end-user", "End user", true),
                new SimAppRole(AGENT, "agent", "Agent", true),
                new SimAppRole(ADMIN, "admin", "Admin", true)));
        for (int i = 1; i <= users; i++) {
            createUser(graph, i, i % 2 == 0 ? "Contoso" : "Fabrikam");
            graph.assign(SERVICE_PRINCIPAL, userId(i), i == 7 ? AGENT : END_USER);
        }
        graph.createGroup(SUPPORT, "Support", "Customer support agents");
        graph.createGroup(ADMINS, "Admins", "Zendesk administrators");
        graph.createGroup(ESCALATIONS, "Escalations", "Second line");
        graph.createGroup(LEGACY, "Legacy", "Old end-user group");
        for (int i = 1; i <= 4; i++) graph.addMember(SUPPORT, userId(i));
        graph.addMember(ADMINS, userId(5));
        graph.addMember(ADMINS, userId(6));
        graph.addMember(ESCALATIONS, userId(3));
        graph.addMember(ESCALATIONS, userId(7));
        graph.addMember(LEGACY, userId(11));
        graph.addMember(LEGACY, userId(12));
        graph.assign(SERVICE_PRINCIPAL, SUPPORT, AGENT);
        graph.assign(SERVICE_PRINCIPAL, ADMINS, ADMIN);
        graph.assign(SERVICE_PRINCIPAL, LEGACY, END_USER);
        int teams = (users - 15) / 40;
        for (int t = 1; t <= teams; t++) {
            graph.createGroup(teamId(t), "Team " + t, "Agent team " + t);
            graph.assign(SERVICE_PRINCIPAL, teamId(t), AGENT);
        }
        for (int i = 16; i <= users && teams > 0; i++) {
            if (i % 2 == 0) graph.addMember(teamId(1 + i % teams), userId(i));
        }
        // Made by hand before provisioning: matched by e-mail and linked, never duplicated.
        zendesk.seedUser("User 8 by hand", email(8).toUpperCase(), null, "end-user");
    }

    /** One change of every kind an incremental cycle writes. */
    void changeEntra(GraphSimulator graph) {
        graph.updateUser(userId(9), Map.of("displayName", "Nine Renamed"));
        graph.disableUser(userId(10));
        graph.unassignPrincipal(SERVICE_PRINCIPAL, userId(13));
        graph.hardDeleteUser(userId(14));
        int newcomer = users + 1;
        createUser(graph, newcomer, "Tailspin");
        graph.assign(SERVICE_PRINCIPAL, userId(newcomer), END_USER);
        graph.addMember(SUPPORT, userId(7));
        graph.removeMember(SUPPORT, userId(2));
        graph.assign(SERVICE_PRINCIPAL, ESCALATIONS, AGENT);
        graph.updateGroup(ADMINS, Map.of("displayName", "Zendesk Admins"));
        graph.unassignPrincipal(SERVICE_PRINCIPAL, LEGACY);
    }

    private static void createUser(GraphSimulator graph, int i, String company) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("displayName", "User " + i);
        p.put("givenName", "User");
        p.put("surname", Integer.toString(i));
        p.put("userPrincipalName", email(i));
        p.put("mail", email(i));
        p.put("accountEnabled", true);
        p.put("companyName", company);
        graph.createUser(userId(i), p);
    }
}
