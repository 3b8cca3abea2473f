package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZendeskClientUsersTest {
    private final ZendeskFixture z = new ZendeskFixture();

    @AfterEach
    void close() {
        z.close();
    }

    static ZendeskUserFields person(int i) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "Person " + i);
        v.put("email", "person" + i + "@contoso.com");
        v.put("external_id", "entra-" + i);
        v.put("role", i % 3 == 0 ? "agent" : "end-user");
        v.put("phone", "+1555000" + i);
        v.put("user_fields.department", "Dept " + (i % 4));
        return ZendeskUserFields.of(v);
    }

    static List<ZendeskUserFields> people(int n) {
        return IntStream.range(0, n).mapToObj(ZendeskClientUsersTest::person).toList();
    }

    @Test
    void createUsersRunsCreateManyJobsOf100AndReportsEachUserInInputOrder() {
        ZendeskClient client = z.client();
        List<UserWriteResult> results = client.createUsers(people(250));
        assertEquals(250, results.size());
        for (int i = 0; i < 250; i++) {
            UserWriteResult r = results.get(i);
            assertEquals(i, r.index());
            assertTrue(r.success(), () -> String.valueOf(r.error()));
            assertEquals(z.sim.userByEmail("person" + i + "@contoso.com").orElseThrow().id(), r.id());
        }
        assertEquals(3, z.count("POST /api/v2/users/create_many"));
        assertEquals(3, client.requestStats().byEndpoint().get("POST /api/v2/users/create_many"));
    }

    @Test
    void bulkPathAndSingleRequestFallbackLeaveTheSameEndState() {
        List<Map<String, Object>> bulk = endStateAfterCreatesAndUpdates(true);
        z.sim.reset();
        List<Map<String, Object>> single = endStateAfterCreatesAndUpdates(false);
        assertEquals(bulk, single);
        // reset() cleared the log: what is left is the bulk-off run, one refused create_many then single calls.
        assertEquals(1, z.count("POST /api/v2/users/create_many"));
        assertEquals(6, z.sim.requestLog().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/api/v2/users")).count());
        assertEquals(5, z.count("PUT /api/v2/users/1"));
    }

    private List<Map<String, Object>> endStateAfterCreatesAndUpdates(boolean bulkImports) {
        z.sim.bulkImports(bulkImports);
        z.sim.seedUser("Taken", "person5@contoso.com", null, "end-user");
        ZendeskClient client = z.client();
        List<UserWriteResult> created = client.createUsers(people(6));
        assertFalse(created.get(5).success());
        List<UserUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            updates.add(new UserUpdate(created.get(i).id(), ZendeskUserFields.of(Map.of("suspended", i % 2 == 0,
                    "notes", "updated " + i))));
        }
        List<UserWriteResult> updated = client.updateUsers(updates);
        assertTrue(updated.stream().allMatch(UserWriteResult::success));
        List<Map<String, Object>> state = new ArrayList<>();
        for (SimulatedUser u : z.sim.users().stream().sorted(Comparator.comparing(SimulatedUser::email)).toList()) {
            Map<String, Object> row = new LinkedHashMap<>(u.attributes());
            row.keySet().removeAll(List.of("id", "url", "created_at", "updated_at"));
            row.put("user_fields", u.userFields());
            state.add(row);
        }
        return state;
    }

    @Test
    void duplicateEmailIsATypedErrorWithZendesksSentenceOnBothPaths() {
        z.sim.seedUser("Alice", "alice@contoso.com", null, "end-user");
        ZendeskUserFields again = ZendeskUserFields.of(Map.of("name", "Alice Again", "email", "alice@contoso.com"));

        ZendeskError bulk = z.client().createUsers(List.of(again)).get(0).error();
        assertEquals("Email: alice@contoso.com is already being used by another user", bulk.description());
        assertTrue(bulk.emailTaken());
        assertFalse(bulk.retryable());

        z.sim.bulkImports(false);
        ZendeskError single = z.client().createUsers(List.of(again)).get(0).error();
        assertEquals(422, single.httpStatus());
        assertEquals("RecordInvalid", single.code());
        assertEquals("Email: alice@contoso.com is already being used by another user", single.description());
        assertEquals(List.of("email: Email: alice@contoso.com is already being used by another user (DuplicateValue)"),
                single.details());
        assertTrue(single.emailTaken());
        assertEquals(2, z.sim.users().size());
    }

    @Test
    void aUserWithoutANameIsRefusedLocallyAndTheOthersAreStillCreated() {
        List<UserWriteResult> results = z.client().createUsers(List.of(
                ZendeskUserFields.of(Map.of("email", "noname@contoso.com")), person(1)));
        assertEquals("InvalidInput", results.get(0).error().code());
        assertTrue(results.get(1).success());
    }

    @Test
    void updateUsersMapsJobResultsBackById() {
        long a = z.sim.seedUser("A", "a@contoso.com", null, "end-user").id();
        long b = z.sim.seedUser("B", "b@contoso.com", null, "end-user").id();
        List<UserWriteResult> results = z.client().updateUsers(List.of(
                new UserUpdate(b, ZendeskUserFields.of(Map.of("name", "B2"))),
                new UserUpdate(987654, ZendeskUserFields.of(Map.of("name", "Nobody"))),
                new UserUpdate(a, ZendeskUserFields.of(Map.of("user_fields.level", "gold")))));
        assertTrue(results.get(0).success());
        assertEquals(b, results.get(0).id());
        assertFalse(results.get(1).success());
        assertEquals("RecordNotFound", results.get(1).error().code());
        assertTrue(results.get(2).success());
        assertEquals("B2", z.sim.user(b).orElseThrow().name());
        assertEquals("gold", z.sim.user(a).orElseThrow().userFields().get("level"));
        assertEquals(1, z.count("PUT /api/v2/users/update_many"));
    }

    @Test
    void theSameUserTwiceInOneCallGoesIntoSeparateJobs() {
        long a = z.sim.seedUser("A", "a@contoso.com", null, "end-user").id();
        List<UserWriteResult> results = z.client().updateUsers(List.of(
                new UserUpdate(a, ZendeskUserFields.of(Map.of("notes", "one"))),
                new UserUpdate(a, ZendeskUserFields.of(Map.of("alias", "two")))));
        assertTrue(results.get(0).success() && results.get(1).success());
        assertEquals(2, z.count("PUT /api/v2/users/update_many"));
    }

    @Test
    void jobsArePolledUntilTheyComplete() {
        z.sim.jobPollsBeforeCompletion(3);
        List<UserWriteResult> results = z.client().createUsers(people(2));
        assertTrue(results.stream().allMatch(UserWriteResult::success));
        assertEquals(4, z.count("GET /api/v2/job_statuses/"));
        assertEquals(4, z.sleeps.size(), "one wait before each poll");
    }

    @Test
    void usersMadeByHandAreFoundBySeveralEmailsInOneSearchWhateverTheirCase() {
        List<Long> seeded = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            seeded.add(z.sim.seedUser("Hand " + i, "Hand" + i + "@Contoso.com", null, "end-user").id());
        }
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 45; i++) wanted.add("hand" + i + "@CONTOSO.COM");
        wanted.add("nobody@contoso.com");

        List<ZendeskUser> found = z.client().usersByEmails(wanted);

        assertEquals(seeded, found.stream().map(ZendeskUser::id).sorted().toList());
        assertEquals(2, z.count("GET /api/v2/users/search"), "46 e-mails, 40 a search");
    }

    @Test
    void jobsWaitedForAtOnceArePolledTogetherWithShowMany() throws Exception {
        z.sim.jobPollsBeforeCompletion(2);
        int workers = 4;
        // Each worker's wait ends only when all four are waiting, as when jobs of parallel batches overlap.
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(workers);
        ZendeskClient client = z.builder(ZendeskFixture.apiToken()).sleeper(d -> {
            try {
                together.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.BrokenBarrierException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }).build();
        List<UserWriteResult> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<ZendeskUserFields> batch = people(4 * workers).subList(w * 4, w * 4 + 4);
            Thread t = new Thread(() -> all.addAll(client.createUsers(batch)));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();

        assertEquals(16, all.size());
        assertTrue(all.stream().allMatch(UserWriteResult::success));
        assertEquals(4, z.count("POST /api/v2/users/create_many"));
        assertEquals(0, z.count("GET /api/v2/job_statuses/") - z.count("GET /api/v2/job_statuses/show_many"),
                "no job polled alone");
        // Three polls per job (queued, working, completed), each poll reading all four jobs at once.
        assertEquals(3, z.count("GET /api/v2/job_statuses/show_many"));
        assertTrue(z.requests("GET /api/v2/job_statuses/show_many").stream().allMatch(r -> r.pathAndQuery().substring(r.pathAndQuery().indexOf("ids=") + 4).split("%2C|,").length == 4),
                () -> z.requests("GET /api/v2/job_statuses/show_many").toString());
    }

    @Test
    void usersAreReadByIdsAndExternalIdsInBatchesOf100() {
        List<Long> ids = new ArrayList<>();
        List<String> externalIds = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            ids.add(z.sim.seedUser("U" + i, "u" + i + "@contoso.com", "Ext-" + i, "end-user").id());
            externalIds.add("EXT-" + i);
        }
        ids.add(123456789L);
        ZendeskClient client = z.client();
        assertEquals(230, client.usersByIds(ids).size());
        assertEquals(3, z.count("GET /api/v2/users/show_many"));
        List<ZendeskUser> byExternal = client.usersByExternalIds(externalIds);
        assertEquals(230, byExternal.size());
        assertEquals("Ext-7", byExternal.get(7).externalId());
        assertEquals(6, z.count("GET /api/v2/users/show_many"));
    }

    @Test
    void usersByEmailFindsAnyIdentityCaseInsensitively() {
        long id = z.sim.seedUser("Alice", "alice@contoso.com", null, "end-user").id();
        ZendeskClient client = z.client();
        client.updateUsers(List.of(new UserUpdate(id, ZendeskUserFields.of(Map.of("email", "alice.other@contoso.com")))));
        assertEquals(id, client.usersByEmail("ALICE@contoso.com").get(0).id());
        assertEquals(id, client.usersByEmail("alice.other@contoso.com").get(0).id());
        assertTrue(client.usersByEmail("bob@contoso.com").isEmpty());
    }

    @Test
    void fieldsAreWrittenAndReadWithZendeskNames() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "Fields Person");
        v.put("email", "fields@contoso.com");
        v.put("phone", "+4512345678");
        v.put("details", "Building 4");
        v.put("notes", "VIP");
        v.put("locale", "da");
        v.put("alias", "FP");
        v.put("time_zone", "Copenhagen");
        v.put("user_fields.department", "Sales");
        v.put("user_fields.employee_number", 4711L);
        v.put("user_fields.manager", true);
        ZendeskClient client = z.client();
        long id = client.createUsers(List.of(ZendeskUserFields.of(v))).get(0).id();
        ZendeskUser user = client.usersByIds(List.of(id)).get(0);
        assertEquals("Fields Person", user.name());
        assertEquals("end-user", user.role());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("phone", "+4512345678");
        expected.put("details", "Building 4");
        expected.put("notes", "VIP");
        expected.put("locale", "da");
        expected.put("alias", "FP");
        expected.put("time_zone", "Copenhagen");
        expected.put("user_fields.department", "Sales");
        expected.put("user_fields.employee_number", 4711L);
        expected.put("user_fields.manager", true);
        assertEquals(expected, user.fields());

        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("phone", null);
        clear.put("user_fields.department", null);
        client.updateUsers(List.of(new UserUpdate(id, ZendeskUserFields.of(clear))));
        ZendeskUser cleared = client.usersByIds(List.of(id)).get(0);
        assertNull(cleared.fields().get("phone"));
        assertNull(cleared.fields().get("user_fields.department"));
    }

    @Test
    void deleteUserIsASoftDelete() {
        long id = z.sim.seedUser("Gone", "gone@contoso.com", "g", "end-user").id();
        ZendeskClient client = z.client();
        assertTrue(client.deleteUser(id).success());
        assertFalse(z.sim.user(id).orElseThrow().active());
        assertTrue(client.usersByIds(List.of(id)).isEmpty());
        assertTrue(client.deleteUser(id).success(), "already gone (a lost answer's repeat) counts as deleted");
    }

    @Test
    void createOrUpdateUsersUpdatesAMatchAndCreatesTheRest() {
        long existing = z.sim.seedUser("Old Name", "old@contoso.com", "Entra-1", "end-user").id();
        ZendeskClient client = z.client();
        List<UserWriteResult> results = client.createOrUpdateUsers(List.of(
                ZendeskUserFields.of(Map.of("name", "New Name", "external_id", "entra-1")),
                ZendeskUserFields.of(Map.of("name", "Fresh", "email", "fresh@contoso.com"))));
        assertEquals(existing, results.get(0).id());
        assertEquals("New Name", z.sim.user(existing).orElseThrow().name());
        assertTrue(results.get(1).success());
        z.sim.bulkImports(false);
        List<UserWriteResult> single = client.createOrUpdateUsers(List.of(
                ZendeskUserFields.of(Map.of("name", "Newer Name", "external_id", "ENTRA-1"))));
        assertEquals(existing, single.get(0).id());
        assertEquals(2, z.count("POST /api/v2/users/create_or_update_many"), "one job, then one refused call");
        assertEquals(1, z.requests("POST /api/v2/users/create_or_update").stream()
                .filter(r -> r.path().equals("/api/v2/users/create_or_update")).count());
    }

    @Test
    void currentUserIsTheAdminTheCredentialsBelongTo() {
        ZendeskUser me = z.client().currentUser();
        assertEquals("admin@example.com", me.email());
        assertEquals("admin", me.role());
    }
}
