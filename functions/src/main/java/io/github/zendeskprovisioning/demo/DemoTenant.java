package io.github.zendeskprovisioning.demo;

import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.graph.SimAppRole;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's Contoso tenant: 300 users with end-user, agent and admin roles (direct and through groups),
 * two assigned groups, a disabled user, a Default-Access-only user, and a Zendesk agent created by hand
 * before provisioning, to be matched by e-mail. Deterministic: the same ids every run.
 */
public final class DemoTenant {
    public static final String SERVICE_PRINCIPAL = "5f1e2d3c-0000-4000-8000-000000000001";
    public static final String DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";
    public static final int USERS = 300;
    private static final List<String> GIVEN = List.of("Ava", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo",
            "Isla", "Jonas", "Kira", "Liam", "Maya", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Sami", "Tara");
    private static final List<String> FAMILY = List.of("Adams", "Berg", "Chen", "Diaz", "Evans", "Fontaine", "Garcia",
            "Hansen", "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor");

    private DemoTenant() {
    }

    public static String userId(int i) {
        return String.format("d0000000-0000-4000-8000-%012d", i);
    }

    public static String supportGroup() {
        return "a0000000-0000-4000-8000-000000000001";
    }

    public static String adminsGroup() {
        return "a0000000-0000-4000-8000-000000000002";
    }

    public static String marketingGroup() {
        return "a0000000-0000-4000-8000-000000000003";
    }

    public static String roleId(String value) {
        return switch (value) {
            case "end-user" -> "e0000000-0000-4000-8000-000000000001";
            case "agent" -> "e0000000-0000-4000-8000-000000000002";
            case "admin" -> "e0000000-0000-4000-8000-000000000003";
            default -> throw new IllegalArgumentException(value);
        };
    }

    public static String email(int i) {
        return name(i).toLowerCase().replace(' ', '.') + "@contoso.com";
    }

    public static String name(int i) {
        return GIVEN.get(i % GIVEN.size()) + " " + FAMILY.get((i / GIVEN.size()) % FAMILY.size()) + (i >= GIVEN.size() * FAMILY.size() ? " " + i : "");
    }

    /** Seeds both simulators; returns the service principal id. */
    public static String seed(GraphSimulator graph, ZendeskSimulator zendesk) {
        graph.createServicePrincipal(SERVICE_PRINCIPAL, "Zendesk", List.of(
                new SimAppRole(roleId("end-user"), "end-user", "End user", true),
                new SimAppRole(roleId("agent"), "agent", "Agent", true),
                new SimAppRole(roleId("admin"), "admin", "Admin", true)));
        String[] departments = {"Support", "Sales", "Finance", "Engineering"};
        for (int i = 1; i <= USERS; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("displayName", name(i));
            p.put("givenName", name(i).split(" ")[0]);
            p.put("surname", name(i).split(" ")[1]);
            p.put("userPrincipalName", email(i));
            p.put("mail", email(i));
            p.put("accountEnabled", i != 13);
            p.put("department", departments[i % departments.length]);
            p.put("jobTitle", i % 25 == 0 ? "Team lead" : "Specialist");
            p.put("businessPhones", List.of(String.format("+1 425 555 %04d", 1000 + i)));
            p.put("preferredLanguage", "en-US");
            graph.createUser(userId(i), p);
        }
        graph.createGroup(supportGroup(), "Support", "Customer support agents");
        graph.createGroup(adminsGroup(), "Zendesk Admins", "Zendesk administrators");
        graph.createGroup(marketingGroup(), "Marketing", "Not assigned to Zendesk");
        List<String> support = new ArrayList<>();
        for (int i = 1; i <= 40; i++) support.add(userId(i));
        support.forEach(u -> graph.addMember(supportGroup(), u));
        for (int i = 1; i <= 3; i++) graph.addMember(adminsGroup(), userId(i));
        for (int i = 250; i <= 270; i++) graph.addMember(marketingGroup(), userId(i));
        graph.assign(SERVICE_PRINCIPAL, supportGroup(), roleId("agent"));
        graph.assign(SERVICE_PRINCIPAL, adminsGroup(), roleId("admin"));
        // Users 41..240 are assigned directly as end-users (the customers' contacts); 241 has Default Access only.
        for (int i = 41; i <= 240; i++) graph.assign(SERVICE_PRINCIPAL, userId(i), roleId("end-user"));
        graph.assign(SERVICE_PRINCIPAL, userId(13), roleId("end-user"));
        graph.assign(SERVICE_PRINCIPAL, userId(241), DEFAULT_ACCESS);
        // Made by hand in Zendesk before provisioning: to be matched by e-mail, not duplicated.
        zendesk.seedUser(name(7), email(7).toUpperCase(), null, "agent");
        zendesk.seedUser("Walk-in Customer", "walk-in@example.org", null, "end-user");
        return SERVICE_PRINCIPAL;
    }
}
