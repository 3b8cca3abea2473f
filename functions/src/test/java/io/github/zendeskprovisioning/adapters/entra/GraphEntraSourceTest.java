package io.github.zendeskprovisioning.adapters.entra;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.directory.GroupChange;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.directory.UserChange;
import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.zendesk.ManualClock;
import io.github.zendeskprovisioning.simulators.graph.RecordedRequest;
import io.github.zendeskprovisioning.simulators.graph.SampleTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader against the Graph simulator, through the real SDK over HTTP. */
class GraphEntraSourceTest {
    static final String TOKEN = "sim-token-4f1c9d";

    GraphSimulator graph;
    SampleTenant tenant;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    /** Moved by the sleeper, so Retry-After windows open as the waits go by, without real waiting. */
    final ManualClock clock = ManualClock.startingAt("2026-03-02T08:00:00Z");
    final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };
    GraphEntraSource source;

    @BeforeEach
    void start() {
        graph = GraphSimulator.withToken(TOKEN).start();
        tenant = graph.seedSample();
        source = reader(TOKEN, RetryPolicy.defaults());
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    GraphEntraSource reader(String token, RetryPolicy policy) {
        return GraphEntraSource.builder().baseUrl(graph.baseUrl()).credential(GraphCredential.accessToken(token))
                .retryPolicy(policy).sleeper(sleeper).clock(clock).build();
    }

    /** All items of a round, and the delta token it ends with. */
    record Round<T>(List<T> items, String deltaToken, int pages) {
    }

    static <T> Round<T> round(Function<String, Page<T>> read, String token) {
        List<T> items = new ArrayList<>();
        Page<T> page = read.apply(token);
        int pages = 1;
        items.addAll(page.items());
        while (!page.last()) {
            page = read.apply(page.nextPageToken());
            pages++;
            items.addAll(page.items());
        }
        return new Round<>(items, page.deltaToken(), pages);
    }

    static Map<String, UserChange> byId(List<UserChange> changes) {
        return changes.stream().collect(Collectors.toMap(UserChange::id, c -> c));
    }

    // ---- users/delta ----

    @Test
    void initialUserRoundReturnsEveryUserWithEveryMappedAttribute() {
        Round<UserChange> initial = round(source::userChanges, null);

        assertEquals(6, initial.items().size());
        assertTrue(initial.deltaToken() != null && initial.deltaToken().startsWith(graph.baseUrl()));
        EntraUser alice = byId(initial.items()).get(tenant.user("alice")).user();
        assertEquals("alice.andersen@contoso.com", alice.attribute("userPrincipalName"));
        assertEquals("alice.andersen@contoso.com", alice.email());
        assertEquals("Alice Andersen", alice.displayName());
        assertEquals("Alice", alice.attribute("givenName"));
        assertEquals("Andersen", alice.attribute("surname"));
        assertEquals("true", alice.attribute("accountEnabled"));
        assertEquals("Team Lead", alice.attribute("jobTitle"));
        assertEquals("Support", alice.attribute("department"));
        assertEquals("en-US", alice.attribute("preferredLanguage"));
        assertEquals("+1 425 0000002", alice.attribute("businessPhones"));
        assertEquals("+1 555 0000002", alice.attribute("mobilePhone"));
        assertTrue(initial.items().stream().noneMatch(UserChange::removed));
    }

    @Test
    void incrementalRoundReturnsExactlyTheChangesMade() {
        String token = round(source::userChanges, null).deltaToken();
        graph.updateUser(tenant.user("chiara"), Map.of("jobTitle", "Sales Director"));
        graph.disableUser(tenant.user("bruno"));
        graph.softDeleteUser(tenant.user("dmitri"));
        graph.hardDeleteUser(tenant.user("farid"));

        Round<UserChange> changes = round(source::userChanges, token);

        Map<String, UserChange> byId = byId(changes.items());
        assertEquals(4, byId.size());
        EntraUser chiara = byId.get(tenant.user("chiara")).user();
        assertEquals("Sales Director", chiara.attribute("jobTitle"));
        assertEquals("Chiara Costa", chiara.displayName(), "a partial delta item is completed");
        assertEquals("chiara.costa@contoso.com", chiara.email());
        assertEquals("false", byId.get(tenant.user("bruno")).user().attribute("accountEnabled"));
        assertFalse(byId.get(tenant.user("bruno")).user().accountEnabled());
        assertEquals(Removal.SOFT_DELETED, byId.get(tenant.user("dmitri")).removal());
        assertEquals(Removal.HARD_DELETED, byId.get(tenant.user("farid")).removal());

        assertEquals(List.of(), round(source::userChanges, changes.deltaToken()).items(), "nothing changed since");
    }

    @Test
    void restoredUserReappearsWithAllAttributes() {
        graph.softDeleteUser(tenant.user("elif"));
        String token = round(source::userChanges, null).deltaToken();
        graph.restoreUser(tenant.user("elif"));

        List<UserChange> changes = round(source::userChanges, token).items();

        assertEquals(1, changes.size());
        assertFalse(changes.get(0).removed());
        assertEquals("elif.eriksen@contoso.com", changes.get(0).user().email());
        assertEquals("Controller", changes.get(0).user().attribute("jobTitle"));
    }

    @Test
    void partialItemsAreCompletedInOneBatchNotOneCallPerUser() {
        graph.reset();
        graph.generate(60, 7L);
        String token = round(source::userChanges, null).deltaToken();
        List<String> ids = round(source::userChanges, null).items().stream().map(UserChange::id).limit(40).toList();
        ids.forEach(id -> graph.updateUser(id, Map.of("department", "Renamed")));
        int before = graph.requestLog().size();

        List<UserChange> changes = round(source::userChanges, token).items();

        assertEquals(40, changes.size());
        changes.forEach(c -> {
            assertEquals("Renamed", c.user().attribute("department"));
            assertTrue(c.user().displayName() != null && c.user().email() != null, "completed");
        });
        List<RecordedRequest> made = graph.requestLog().subList(before, graph.requestLog().size());
        List<RecordedRequest> http = made.stream().filter(r -> !r.batchStep()).toList();
        assertEquals(2, http.size(), "one delta page and one $batch: " + http);
        assertTrue(http.get(1).target().endsWith("/$batch"));
        assertEquals(3, made.stream().filter(RecordedRequest::batchStep).count(), "40 ids in filters of 15");
        assertTrue(made.stream().noneMatch(r -> r.target().matches(".*/users/[0-9a-f-]{36}.*")), "no per-user GET");
    }

    @Test
    void fullRoundStreamsPageByPageAtTheLargestPageSize() {
        graph.reset();
        graph.generate(450, 11L);

        Round<UserChange> initial = round(source::userChanges, null);

        assertEquals(450, initial.items().size());
        assertEquals(450, initial.items().stream().map(UserChange::id).distinct().count());
        assertEquals(3, initial.pages(), "the simulator caps delta pages at 200 as Graph does");
        assertTrue(graph.requestLog().stream().noneMatch(r -> r.target().endsWith("/$batch")), "a full round needs no completion");
    }

    @Test
    void selectAsksForExactlyTheMappedAttributes() {
        source.userChanges(null);
        source.groupChanges(null);

        String users = graph.requestLog().get(0).target();
        assertTrue(users.contains("/users/") && users.contains("delta()"), users);
        assertTrue(users.contains("$select=id,userPrincipalName,mail,displayName,accountEnabled,givenName,surname,"
                + "jobTitle,mobilePhone,businessPhones,preferredLanguage,department"), users);
        assertTrue(graph.requestLog().get(1).target().contains("$select=id,displayName,description,members"));
    }

    static final String EXTENSION = "extension_0123456789abcdef0123456789abcdef_costCenter";

    GraphEntraSource configured(String mappingsJson) {
        return GraphEntraSource.builder().baseUrl(graph.baseUrl()).credential(GraphCredential.accessToken(TOKEN))
                .sleeper(sleeps::add)
                .userAttributes(io.github.zendeskprovisioning.engine.mapping.MappingConfiguration.parse(mappingsJson)
                        .referencedUserAttributes()).build();
    }

    static String decoded(RecordedRequest r) {
        return java.net.URLDecoder.decode(r.target(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void selectAsksForExactlyWhatTheConfigurationRefersToAndWhatTheEngineNeeds() {
        GraphEntraSource reader = configured("""
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"}, {"target": "name", "expression": "Join(\\" \\", [givenName], [companyName])"},
                           {"target": "notes", "source": "extensionAttribute3"},
                           {"target": "alias", "source": "%s"}],
                 "scopingFilters": [[{"attribute": "country", "operator": "IS NOT NULL"}]]}""".formatted(EXTENSION));

        reader.userChanges(null);

        String users = decoded(graph.requestLog().get(0));
        assertTrue(users.contains("$select=id,userPrincipalName,mail,displayName,accountEnabled,givenName,companyName,"
                + "onPremisesExtensionAttributes," + EXTENSION + ",country"), users);
        assertFalse(users.contains("$expand"), "no manager referenced: nothing expanded");
    }

    @Test
    void extensionAttributesDirectoryExtensionsAndTheManagerAreRead() {
        String alice = tenant.user("alice");
        String bruno = tenant.user("bruno");
        graph.updateUser(alice, Map.of("onPremisesExtensionAttributes", Map.of("extensionAttribute3", "CC-42"),
                EXTENSION, "4711", "companyName", "Contoso"));
        graph.setManager(alice, bruno);
        GraphEntraSource reader = configured("""
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"}, {"target": "notes", "source": "extensionAttribute3"},
                           {"target": "alias", "source": "%s"},
                           {"target": "details", "source": "manager"},
                           {"target": "organization", "source": "companyName"}]}""".formatted(EXTENSION));

        EntraUser byId = reader.user(alice).orElseThrow();
        Round<UserChange> initial = round(reader::userChanges, null);

        String brunoName = byId(initial.items()).get(bruno).user().displayName();
        for (EntraUser u : List.of(byId, byId(initial.items()).get(alice).user())) {
            assertEquals("CC-42", u.attribute("extensionAttribute3"));
            assertEquals("4711", u.attribute(EXTENSION));
            assertEquals("Contoso", u.attribute("companyName"));
            assertEquals(brunoName, u.attribute("manager"));
        }
        assertTrue(graph.requestLog().stream().map(GraphEntraSourceTest::decoded)
                .anyMatch(t -> t.contains("$expand=manager($select=displayName,mail)")));
        assertTrue(graph.requestLog().stream().map(GraphEntraSourceTest::decoded)
                .filter(t -> t.contains("delta")).noneMatch(t -> t.contains("expand")),
                "users/delta gives a manager by id only: it is never asked to expand it");
    }

    // ---- groups/delta ----

    @Test
    void groupRoundsReportMembersAndGroupLifecycle() {
        Round<GroupChange> initial = round(source::groupChanges, null);
        Map<String, GroupChange> first = initial.items().stream().collect(Collectors.toMap(GroupChange::id, g -> g));
        assertEquals(List.of(tenant.user("alice"), tenant.user("bruno")), first.get(tenant.group("support")).membersAdded());
        assertEquals("Support", first.get(tenant.group("support")).group().displayName());

        graph.addMember(tenant.group("sales"), tenant.user("elif"));
        graph.removeMember(tenant.group("sales"), tenant.user("chiara"));
        String billing = graph.createGroup("2b3c4d5e-0000-4000-8000-0000000000b1", "Billing", "Invoices");
        graph.addMember(billing, tenant.user("farid"));
        graph.deleteGroup(tenant.group("support"));

        Map<String, GroupChange> changes = round(source::groupChanges, initial.deltaToken()).items().stream()
                .collect(Collectors.toMap(GroupChange::id, g -> g));

        assertEquals(3, changes.size());
        GroupChange sales = changes.get(tenant.group("sales"));
        assertEquals(List.of(tenant.user("elif")), sales.membersAdded());
        assertEquals(List.of(tenant.user("chiara")), sales.membersRemoved());
        assertEquals("Sales", sales.group().displayName(), "a group item with only members@delta is completed");
        assertEquals(Removal.NONE, sales.removal());
        GroupChange created = changes.get(billing);
        assertEquals("Billing", created.group().displayName());
        assertEquals(List.of(tenant.user("farid")), created.membersAdded());
        assertEquals(Removal.HARD_DELETED, changes.get(tenant.group("support")).removal());
    }

    @Test
    void nonUserMembersAreLeftOut() {
        graph.addMember(tenant.group("sales"), tenant.group("support"));

        GroupChange sales = round(source::groupChanges, null).items().stream()
                .filter(g -> g.id().equals(tenant.group("sales"))).findFirst().orElseThrow();
        Page<String> members = source.groupMemberIds(tenant.group("sales"), null);

        assertEquals(List.of(tenant.user("chiara"), tenant.user("dmitri")), sales.membersAdded());
        assertEquals(List.of(tenant.user("chiara"), tenant.user("dmitri")), members.items());
        assertTrue(members.last());
    }

    // ---- assignments and app roles ----

    @Test
    void appRolesComeFromTheServicePrincipal() {
        List<AppRole> roles = source.appRoles(tenant.servicePrincipalId());

        assertEquals(List.of("end-user", "agent", "admin"), roles.stream().map(AppRole::value).toList());
        assertEquals(tenant.agentRoleId(), roles.get(1).id());
        assertTrue(roles.stream().allMatch(AppRole::enabled));
    }

    @Test
    void assignmentsShowUsersGroupsAndDefaultAccessAsSuch() {
        List<Assignment> all = round(p -> source.assignments(tenant.servicePrincipalId(), p), null).items();

        assertEquals(5, all.size());
        Assignment sales = all.stream().filter(a -> a.principalId().equals(tenant.group("sales"))).findFirst().orElseThrow();
        assertEquals(PrincipalType.GROUP, sales.principalType());
        assertEquals(Assignment.DEFAULT_ACCESS, sales.appRoleId());
        assertTrue(sales.defaultAccess());
        Assignment alice = all.stream().filter(a -> a.principalId().equals(tenant.user("alice"))).findFirst().orElseThrow();
        assertEquals(PrincipalType.USER, alice.principalType());
        assertEquals(tenant.adminRoleId(), alice.appRoleId());
        assertEquals("Alice Andersen", alice.principalDisplayName());
    }

    @Test
    void servicePrincipalsAssignedToTheAppAreTypedAsSuch() {
        String robot = "3c4d5e6f-0000-4000-8000-000000000001";
        graph.createServicePrincipal(robot, "Automation", List.of());
        graph.assign(tenant.servicePrincipalId(), robot, tenant.agentRoleId());

        Assignment assignment = round(p -> source.assignments(tenant.servicePrincipalId(), p), null).items().stream()
                .filter(a -> a.principalId().equals(robot)).findFirst().orElseThrow();

        assertEquals(PrincipalType.SERVICE_PRINCIPAL, assignment.principalType());
    }

    @Test
    void groupMembersArePagedAtNineHundredNinetyNine() {
        graph.reset();
        graph.generate(1_200, 9L);
        String everyone = graph.createGroup("2b3c4d5e-0000-4000-8000-0000000000e1", "Everyone", null);
        List<String> ids = round(source::userChanges, null).items().stream().map(UserChange::id).toList();
        ids.forEach(id -> graph.addMember(everyone, id));

        Round<String> members = round(p -> source.groupMemberIds(everyone, p), null);

        assertEquals(2, members.pages());
        assertEquals(ids.stream().sorted().toList(), members.items().stream().sorted().toList());
    }

    @Test
    void membersOfAGroupThatDoesNotExistAreAnErrorNotAnEmptyList() {
        assertThrows(EntraReadException.class, () -> source.groupMemberIds("99999999-9999-4999-8999-999999999999", null));
    }

    @Test
    void assignmentsArePagedAtNineHundredNinetyNine() {
        graph.reset();
        var generated = graph.generate(10_000, 3L);

        Round<Assignment> all = round(p -> source.assignments(generated.servicePrincipalId(), p), null);

        assertEquals(generated.assignments(), all.items().size());
        assertEquals(2, all.pages());
        assertTrue(all.items().stream().anyMatch(Assignment::defaultAccess));
    }

    // ---- single objects and batches ----

    @Test
    void unknownUserAndGroupAreEmpty() {
        assertEquals(Optional.empty(), source.user("99999999-9999-4999-8999-999999999999"));
        assertEquals(Optional.empty(), source.group("99999999-9999-4999-8999-999999999999"));
        assertEquals("Bruno Becker", source.user(tenant.user("bruno")).orElseThrow().displayName());
        assertEquals("Sales", source.group(tenant.group("sales")).orElseThrow().displayName());
    }

    @Test
    void usersByIdsLeavesOutIdsThatDoNotExist() {
        List<EntraUser> users = source.usersByIds(List.of(tenant.user("alice"), "99999999-9999-4999-8999-999999999999",
                tenant.user("bruno"), tenant.user("alice")));

        assertEquals(List.of(tenant.user("alice"), tenant.user("bruno")).stream().sorted().toList(),
                users.stream().map(EntraUser::id).sorted().toList());
    }

    @Test
    void idsThatAreNotGuidsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source.user("x') or true"));
        assertTrue(e.getMessage().contains("GUID"));
    }

    @Test
    void throttledBatchStepsAreRetriedOnTheirOwn() {
        graph.faults().throttleNextBatchSteps(1, 3);

        List<EntraUser> users = source.usersByIds(tenant.users().values());

        assertEquals(6, users.size());
        assertEquals(List.of(Duration.ofSeconds(3)), sleeps);
    }

    @Test
    void throttledBatchRequestIsSentAgainWhole() {
        graph.faults().throttleNext(1, 4);

        List<EntraUser> users = source.usersByIds(tenant.users().values());

        assertEquals(6, users.size(), "the retried POST carried its body again");
        assertEquals(List.of(Duration.ofSeconds(4)), sleeps);
    }

    @Test
    void anAzureTokenCredentialIsAskedForTheGraphDefaultScope() {
        List<String> scopes = new CopyOnWriteArrayList<>();
        TokenCredential credential = request -> {
            scopes.addAll(request.getScopes());
            return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        };
        GraphEntraSource azure = GraphEntraSource.builder().baseUrl(graph.baseUrl())
                .credential(GraphCredential.tokenCredential(credential)).sleeper(sleeper).clock(clock).build();

        assertEquals(3, azure.appRoles(tenant.servicePrincipalId()).size());
        assertEquals(List.of("https://graph.microsoft.com/.default"), scopes.stream().distinct().toList());
    }

    // ---- safety ----

    @Test
    void retryAfterIsHonouredThenTheReadRecovers() {
        graph.faults().throttleNext(2, 7);

        Round<UserChange> initial = round(source::userChanges, null);

        assertEquals(6, initial.items().size());
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), sleeps);
        assertEquals(3, source.requestCount(), "each retry is a request");
        assertEquals(graph.requestCount(), source.requestCount());
    }

    @Test
    void unavailableServiceIsRetriedLikeThrottling() {
        graph.faults().unavailableNext(1, 2);

        assertEquals(5, round(p -> source.assignments(tenant.servicePrincipalId(), p), null).items().size());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void aReadIsSentAgainAfterAServerErrorALostConnectionOrASlowAnswer() {
        int expected = round(p -> source.assignments(tenant.servicePrincipalId(), p), null).items().size();
        graph.faults().failRequestsContaining("appRoleAssignedTo", 500, 1)
                .dropConnectionsContaining("appRoleAssignedTo", 1)
                .slowRequestsContaining("appRoleAssignedTo", 1, Duration.ofMillis(20));
        int before = graph.requestLog().size();

        assertEquals(expected, round(p -> source.assignments(tenant.servicePrincipalId(), p), null).items().size());
        assertEquals(3, graph.requestLog().stream().skip(before)
                .filter(r -> r.target().contains("appRoleAssignedTo")).count(), "a drop, a 500, then the (slow) answer");
    }

    @Test
    void throttlingThatNeverRecoversRaisesInsteadOfReturningLess() {
        graph.faults().failRequestsContaining("delta", 429, Integer.MAX_VALUE);
        GraphEntraSource patient = reader(TOKEN, new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60)));

        EntraReadException e = assertThrows(EntraReadException.class, () -> patient.userChanges(null));

        assertFalse(e.credentialsRejected());
        assertTrue(e.getMessage().contains("429"), e.getMessage());
        assertEquals(3, sleeps.size());
        assertEquals(4, graph.requestCount());
    }

    @Test
    void aFailingLaterPageRaisesInsteadOfEndingTheRound() {
        graph.reset();
        graph.generate(300, 5L);
        graph.faults().failRequestsContaining("skiptoken", 500, Integer.MAX_VALUE);

        Page<UserChange> first = source.userChanges(null);
        assertEquals(200, first.items().size());
        EntraReadException e = assertThrows(EntraReadException.class, () -> source.userChanges(first.nextPageToken()));
        assertTrue(e.getMessage().contains("500"), e.getMessage());
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsFailsTheRead() {
        graph.faults().throttleNext(1, 3600);

        assertThrows(EntraReadException.class, () -> source.appRoles(tenant.servicePrincipalId()));
        assertEquals(List.of(), sleeps, "it does not sleep for an hour");
    }

    @Test
    void wrongTokenIsReportedAsCredentialsRejected() {
        GraphEntraSource wrong = reader("not-the-token-77", RetryPolicy.defaults());

        EntraReadException e = assertThrows(EntraReadException.class, () -> wrong.userChanges(null));

        assertTrue(e.credentialsRejected());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }

    @Test
    void missingPermissionsAreReportedAsCredentialsRejected() {
        graph.denyPermissions(true);

        EntraReadException e = assertThrows(EntraReadException.class, () -> source.assignments(tenant.servicePrincipalId(), null));

        assertTrue(e.credentialsRejected());
        assertTrue(e.getMessage().contains("403"));
    }

    @Test
    void unknownServicePrincipalIsAnErrorNotAnEmptyScope() {
        EntraReadException e = assertThrows(EntraReadException.class,
                () -> source.assignments("77777777-7777-4777-8777-777777777777", null));
        assertTrue(e.getMessage().contains("404"));
        assertFalse(e.credentialsRejected());
    }

    @Test
    void aPageTokenOutsideTheBaseUrlIsRefusedWithoutARequest() {
        assertThrows(EntraReadException.class,
                () -> source.userChanges("https://collector.example.net/v1.0/users/delta()?$skiptoken=abc"));
        assertThrows(EntraReadException.class,
                () -> source.assignments(tenant.servicePrincipalId(), "http://127.0.0.1:1/v1.0/servicePrincipals"));
        assertEquals(0, graph.requestCount());
    }

    @Test
    void aDeltaPageWithoutNextOrDeltaLinkIsRefusedAsTruncated() {
        graph.faults().dropPagingLinksNext(1);

        EntraReadException e = assertThrows(EntraReadException.class, () -> source.userChanges(null));

        assertTrue(e.getMessage().contains("cannot be trusted"), e.getMessage());
        assertEquals(6, round(source::userChanges, null).items().size(), "the next read is whole again");
    }

    @Test
    void settingsNameTheBaseUrlAndTheFixedToken() {
        GraphEntraSource fromSettings = GraphEntraSource.fromSettings(Map.of(
                "GRAPH_BASE_URL", graph.baseUrl(), "GRAPH_ACCESS_TOKEN", TOKEN));

        assertEquals(3, fromSettings.appRoles(tenant.servicePrincipalId()).size());
    }

    @Test
    void plainHttpIsAllowedOnlyToTheLoopbackAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphEntraSource.create("http://graph.example.com/v1.0", GraphCredential.accessToken(TOKEN)));
        assertTrue(e.getMessage().contains("https"));
        assertThrows(IllegalArgumentException.class, () -> GraphEntraSource.create("not a url", GraphCredential.accessToken(TOKEN)));
    }

    @Test
    void requestCountCountsEveryGraphRequest() {
        round(source::userChanges, null);
        source.usersByIds(tenant.users().values());

        assertEquals(2, source.requestCount());
        assertEquals(graph.requestCount(), source.requestCount());
    }
}
