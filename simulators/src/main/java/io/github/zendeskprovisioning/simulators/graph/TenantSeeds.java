package io.github.zendeskprovisioning.simulators.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Fills a tenant: a small hand-written sample for tests and the demo, or a big deterministic one for benchmarks. */
final class TenantSeeds {
    static final String END_USER_ROLE = "5b2f9c1e-6a43-4b0e-9d2c-1f0a3e6b7c01";
    static final String AGENT_ROLE = "5b2f9c1e-6a43-4b0e-9d2c-1f0a3e6b7c02";
    static final String ADMIN_ROLE = "5b2f9c1e-6a43-4b0e-9d2c-1f0a3e6b7c03";
    static final String DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";
    private static final List<String> GIVEN = List.of("Alice", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta",
            "Hiro", "Ines", "Jonas", "Keiko", "Lars", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara");
    private static final List<String> FAMILY = List.of("Andersen", "Becker", "Costa", "Dubois", "Eriksen", "Fischer",
            "Garcia", "Horvat", "Ito", "Jansen", "Kowalski", "Lopez", "Moreau", "Nowak", "Oliveira", "Petrov");
    private static final List<String> DEPARTMENTS = List.of("Support", "Sales", "Engineering", "Finance", "Operations");
    private static final List<String> LANGUAGES = List.of("en-US", "de-DE", "fr-FR", "es-ES", "nl-NL");

    private TenantSeeds() {
    }

    static List<SimAppRole> zendeskRoles() {
        return List.of(new SimAppRole(END_USER_ROLE, "end-user", "End user", true),
                new SimAppRole(AGENT_ROLE, "agent", "Agent", true),
                new SimAppRole(ADMIN_ROLE, "admin", "Admin", true));
    }

    static SampleTenant sample(GraphTenant tenant) {
        String sp = "8f3c2a10-4d5e-4f60-9a7b-0c1d2e3f4a01";
        tenant.createServicePrincipal(sp, "Zendesk", zendeskRoles());
        Map<String, String> users = new LinkedHashMap<>();
        String[][] people = {
                {"alice", "Alice", "Andersen", "Support", "Team Lead"},
                {"bruno", "Bruno", "Becker", "Support", "Agent"},
                {"chiara", "Chiara", "Costa", "Sales", "Account Manager"},
                {"dmitri", "Dmitri", "Dubois", "Engineering", "Developer"},
                {"elif", "Elif", "Eriksen", "Finance", "Controller"},
                {"farid", "Farid", "Fischer", "Operations", "Coordinator"},
        };
        int n = 1;
        for (String[] p : people) {
            String id = String.format("1a2b3c4d-0000-4000-8000-%012d", n++);
            users.put(p[0], tenant.createUser(id, userProperties(p[1], p[2], p[3], p[4], "en-US", "contoso.com", n)));
        }
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("support", tenant.createGroup("2b3c4d5e-0000-4000-8000-000000000001", "Support", "Support agents"));
        groups.put("sales", tenant.createGroup("2b3c4d5e-0000-4000-8000-000000000002", "Sales", "Sales team"));
        tenant.addMember(groups.get("support"), users.get("alice"));
        tenant.addMember(groups.get("support"), users.get("bruno"));
        tenant.addMember(groups.get("sales"), users.get("chiara"));
        tenant.addMember(groups.get("sales"), users.get("dmitri"));
        tenant.assign(sp, groups.get("support"), AGENT_ROLE);
        tenant.assign(sp, groups.get("sales"), DEFAULT_ACCESS);
        tenant.assign(sp, users.get("alice"), ADMIN_ROLE);
        tenant.assign(sp, users.get("chiara"), END_USER_ROLE);
        tenant.assign(sp, users.get("elif"), DEFAULT_ACCESS);
        return new SampleTenant(sp, END_USER_ROLE, AGENT_ROLE, ADMIN_ROLE, users, groups);
    }

    /** {@code users} users in {@code users / 100 + 1} groups; groups assigned, every tenth user also directly. */
    static GeneratedTenant generate(GraphTenant tenant, int userCount, long seed) {
        if (userCount < 0) throw new IllegalArgumentException("user count must not be negative");
        Random random = new Random(seed);
        String sp = new UUID(random.nextLong(), random.nextLong()).toString();
        tenant.createServicePrincipal(sp, "Zendesk", zendeskRoles());
        int groupCount = userCount / 100 + 1;
        String[] groupIds = new String[groupCount];
        int assignments = 0;
        for (int g = 0; g < groupCount; g++) {
            groupIds[g] = tenant.createGroup(new UUID(random.nextLong(), random.nextLong()).toString(),
                    DEPARTMENTS.get(g % DEPARTMENTS.size()) + " " + (g + 1), "Generated group " + (g + 1));
            String role = g % 10 == 0 ? AGENT_ROLE : g % 3 == 0 ? DEFAULT_ACCESS : END_USER_ROLE;
            tenant.assign(sp, groupIds[g], role);
            assignments++;
        }
        for (int i = 0; i < userCount; i++) {
            String given = GIVEN.get(random.nextInt(GIVEN.size()));
            String family = FAMILY.get(random.nextInt(FAMILY.size()));
            Map<String, Object> props = userProperties(given + i, family, DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size())),
                    "Staff", LANGUAGES.get(random.nextInt(LANGUAGES.size())), "example.org", i);
            String id = tenant.createUser(new UUID(random.nextLong(), random.nextLong()).toString(), props);
            tenant.addMember(groupIds[i % groupCount], id);
            if (i % 10 == 0) {
                tenant.assign(sp, id, i % 1000 == 0 ? ADMIN_ROLE : END_USER_ROLE);
                assignments++;
            }
        }
        return new GeneratedTenant(sp, userCount, groupCount, assignments);
    }

    private static Map<String, Object> userProperties(String given, String family, String department, String title,
                                                      String language, String domain, int n) {
        String login = (given + "." + family).toLowerCase();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userPrincipalName", login + "@" + domain);
        p.put("mail", login + "@" + domain);
        p.put("displayName", given + " " + family);
        p.put("givenName", given);
        p.put("surname", family);
        p.put("jobTitle", title);
        p.put("department", department);
        p.put("mobilePhone", String.format("+1 555 %07d", n));
        p.put("businessPhones", List.of(String.format("+1 425 %07d", n)));
        p.put("preferredLanguage", language);
        return p;
    }
}
