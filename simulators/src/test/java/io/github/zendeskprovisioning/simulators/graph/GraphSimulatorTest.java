package io.github.zendeskprovisioning.simulators.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's query options, delta semantics, errors and $batch, spoken to over plain HTTP. */
class GraphSimulatorTest {
    static final String TOKEN = "sim-test-token";
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    GraphSimulator graph;
    SampleTenant tenant;

    @BeforeEach
    void start() {
        graph = GraphSimulator.withToken(TOKEN).start();
        tenant = graph.seedSample();
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
    }

    Answer get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Authorization", "Bearer " + TOKEN).GET().build());
    }

    Answer getWithPrefer(String pathOrUrl, String prefer) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Authorization", "Bearer " + TOKEN)
                .header("Prefer", prefer).GET().build());
    }

    URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : graph.baseUrl() + pathOrUrl);
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r, r.body().isEmpty() ? null : json.readTree(r.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Follows nextLinks to the end; returns every item and the final page. */
    List<JsonNode> all(String first, List<JsonNode> lastPage) {
        List<JsonNode> items = new ArrayList<>();
        Answer page = get(first);
        while (true) {
            assertEquals(200, page.status(), String.valueOf(page.body()));
            page.body().get("value").forEach(items::add);
            if (!page.body().has("@odata.nextLink")) break;
            page = get(page.body().get("@odata.nextLink").asText());
        }
        lastPage.add(page.body());
        return items;
    }

    Map<String, JsonNode> byId(List<JsonNode> items) {
        Map<String, JsonNode> map = new HashMap<>();
        items.forEach(i -> map.put(i.get("id").asText(), i));
        return map;
    }

    // ---- query options ----

    @Test
    void selectReturnsOnlyTheSelectedPropertiesPlusId() {
        JsonNode alice = get("/users/" + tenant.user("alice") + "?$select=displayName,accountEnabled").body();

        assertEquals(List.of("id", "displayName", "accountEnabled"), fieldNames(alice));
        assertTrue(alice.get("accountEnabled").asBoolean());
        assertEquals("#microsoft.graph.user", alice.get("@odata.type").asText(), "the OpenAPI description requires it");
    }

    @Test
    void accountEnabledComesOnlyWhenSelected() {
        JsonNode users = get("/users").body();

        users.get("value").forEach(u -> {
            assertFalse(u.has("accountEnabled"));
            assertTrue(u.has("userPrincipalName") && u.has("businessPhones") && u.has("officeLocation"));
        });
        assertTrue(users.get("@odata.context").asText().endsWith("/$metadata#users"));
    }

    @Test
    void topPagesWithAbsoluteNextLinksThatKeepTheQuery() {
        Answer first = get("/users?$top=4&$select=displayName");
        String next = first.body().get("@odata.nextLink").asText();

        assertEquals(4, first.body().get("value").size());
        assertTrue(next.startsWith(graph.baseUrl() + "/users?"), next);
        JsonNode second = get(next).body();
        assertEquals(2, second.get("value").size());
        assertFalse(second.has("@odata.nextLink"));
        assertEquals(List.of("id", "displayName"), fieldNames(second.get("value").get(0)));
    }

    @Test
    void topOutsideOneTo999IsABadRequest() {
        Answer tooBig = get("/users?$top=1000");
        assertEquals(400, tooBig.status());
        assertEquals("Request_BadRequest", tooBig.body().at("/error/code").asText());
        assertEquals(400, get("/users?$top=0").status());
        assertEquals(200, get("/users?$top=999").status());
    }

    @Test
    void filterOnIdsWithInAndEq() {
        String a = tenant.user("alice");
        String b = tenant.user("bruno");

        assertEquals(2, get("/users?$filter=" + enc("id in ('" + a + "','" + b + "')")).body().get("value").size());
        assertEquals(b, get("/users?$filter=" + enc("id eq '" + b + "'")).body().at("/value/0/id").asText());
        assertEquals(400, get("/users?$filter=" + enc("id ne '" + b + "'")).status());
    }

    @Test
    void filterWithStartswithOnNamesAndMailIgnoresCaseAndOrsTheClauses() {
        String a = tenant.user("alice");
        Answer byName = get("/users?$filter=" + enc("startswith(displayName,'ALI') or startswith(mail,'zz')"));
        assertEquals(200, byName.status());
        assertTrue(byName.body().get("value").size() >= 1);
        byName.body().get("value").forEach(u -> assertTrue(u.path("displayName").asText().toLowerCase().startsWith("ali")));
        assertTrue(byName.body().get("value").findValuesAsText("id").contains(a));
        assertEquals(0, get("/groups?$filter=" + enc("startswith(displayName,'no such group')")).body().get("value").size());
        assertEquals(0, get("/users?$filter=" + enc("startswith(displayName,'Tom or Jerry')")).body().get("value").size());
        assertEquals(400, get("/users?$filter=" + enc("startswith(jobTitle,'A')")).status());
        assertEquals(400, get("/users?$filter=" + enc("startswith(displayName,'A') and accountEnabled eq true")).status());
    }

    @Test
    void unknownPropertyInSelectIsABadRequest() {
        assertEquals(400, get("/users?$select=shoeSize").status());
    }

    // ---- errors ----

    @Test
    void missingOrWrongBearerTokenIs401InGraphsEnvelope() {
        Answer none = send(HttpRequest.newBuilder(uri("/users")).GET().build());
        Answer wrong = send(HttpRequest.newBuilder(uri("/users")).header("Authorization", "Bearer nope").GET().build());

        assertEquals(401, none.status());
        assertEquals("InvalidAuthenticationToken", none.body().at("/error/code").asText());
        assertNotNull(none.body().at("/error/innerError/request-id").textValue());
        assertEquals(401, wrong.status());
    }

    @Test
    void unknownIdIs404() {
        Answer missing = get("/users/99999999-9999-4999-8999-999999999999");
        assertEquals(404, missing.status());
        assertEquals("Request_ResourceNotFound", missing.body().at("/error/code").asText());
        assertEquals(404, get("/groups/99999999-9999-4999-8999-999999999999").status());
        assertEquals(404, get("/servicePrincipals/99999999-9999-4999-8999-999999999999/appRoleAssignedTo").status());
    }

    @Test
    void throttleSwitchAnswers429WithRetryAfterThenRecovers() {
        graph.faults().throttleNext(1, 12);

        Answer throttled = get("/users");
        assertEquals(429, throttled.status());
        assertEquals("12", throttled.raw().headers().firstValue("Retry-After").orElseThrow());
        assertEquals("TooManyRequests", throttled.body().at("/error/code").asText());
        assertEquals(200, get("/users").status());
    }

    @Test
    void aFailingPageFailsUntilItsCountRunsOut() {
        graph.faults().failRequestsContaining("/groups", 503, 2);

        assertEquals(503, get("/groups").status());
        assertEquals(503, get("/groups").status());
        assertEquals(200, get("/groups").status());
        assertEquals(200, get("/users").status());
    }

    @Test
    void aDroppedConnectionGetsNoAnswerAndIsLoggedWithStatusZero() {
        // Two: the JDK client sends a GET once more by itself when its connection ends without an answer.
        graph.faults().dropConnectionsContaining("/groups", 2);

        assertThrows(IllegalStateException.class, () -> get("/groups"));
        assertEquals(200, get("/groups").status());
        assertEquals(List.of(0, 0, 200), graph.requestLog().stream().map(RecordedRequest::status).toList());
    }

    @Test
    void aSeededFailureShareHitsTheSameRequestsEveryTime() {
        List<Integer> first = statusesUnderShare(7);
        graph.faults().clear();
        assertEquals(first, statusesUnderShare(7));
        assertTrue(first.contains(429) && first.contains(200), "a half share hits some of 20 requests, not all: " + first);
    }

    private List<Integer> statusesUnderShare(long seed) {
        graph.faults().seed(seed).failShare(0.5, 429, 3);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) statuses.add(get("/users").status());
        return statuses;
    }

    // ---- delta ----

    @Test
    void initialDeltaReturnsEveryUserThenTheTokenReplaysOnlyChanges() {
        List<JsonNode> last = new ArrayList<>();
        List<JsonNode> initial = all("/users/delta?$select=displayName,jobTitle,accountEnabled", last);
        assertEquals(6, initial.size());
        String deltaLink = last.get(0).get("@odata.deltaLink").asText();
        assertTrue(deltaLink.startsWith(graph.baseUrl() + "/users/delta()?$deltatoken="));

        graph.updateUser(tenant.user("alice"), Map.of("jobTitle", "Head of Support", "city", "Oslo"));
        graph.disableUser(tenant.user("bruno"));
        graph.softDeleteUser(tenant.user("chiara"));
        graph.hardDeleteUser(tenant.user("dmitri"));
        String created = graph.createUser(null, Map.of("displayName", "New Person", "jobTitle", "Intern"));
        graph.updateUser(tenant.user("elif"), Map.of("city", "Bergen"));

        last.clear();
        Map<String, JsonNode> changes = byId(all(deltaLink, last));

        assertEquals(5, changes.size(), "elif's change is in an unselected property: " + changes.keySet());
        assertEquals(List.of("id", "jobTitle"), fieldNames(changes.get(tenant.user("alice"))), "changed properties only");
        assertEquals(List.of("id", "accountEnabled"), fieldNames(changes.get(tenant.user("bruno"))));
        assertEquals("changed", changes.get(tenant.user("chiara")).at("/@removed/reason").asText());
        assertEquals("deleted", changes.get(tenant.user("dmitri")).at("/@removed/reason").asText());
        assertEquals(List.of("id", "displayName", "jobTitle", "accountEnabled"), fieldNames(changes.get(created)));

        graph.restoreUser(tenant.user("chiara"));
        JsonNode restored = get(last.get(0).get("@odata.deltaLink").asText()).body().get("value");
        assertEquals(1, restored.size());
        assertEquals("Chiara Costa", restored.get(0).get("displayName").asText());
    }

    @Test
    void deltaPagesFollowPreferMaxPageSizeUpTo200() {
        graph.reset();
        graph.generate(450, 1L);

        assertEquals(100, get("/users/delta").body().get("value").size());
        assertEquals(50, getWithPrefer("/users/delta", "odata.maxpagesize=50").body().get("value").size());
        Answer capped = getWithPrefer("/users/microsoft.graph.delta()", "odata.maxpagesize=999");
        assertEquals(200, capped.body().get("value").size());
        assertNull(capped.body().get("@odata.deltaLink"));
        assertTrue(capped.body().get("@odata.nextLink").asText().contains("$skiptoken="));
    }

    @Test
    void groupDeltaListsMembersThenOnlyTheMembershipChanges() {
        List<JsonNode> last = new ArrayList<>();
        Map<String, JsonNode> initial = byId(all("/groups/delta?$select=displayName,members", last));
        JsonNode support = initial.get(tenant.group("support")).get("members@delta");
        assertEquals(2, support.size());
        assertEquals("#microsoft.graph.user", support.get(0).get("@odata.type").asText());

        graph.addMember(tenant.group("support"), tenant.user("farid"));
        graph.removeMember(tenant.group("support"), tenant.user("alice"));
        graph.addMember(tenant.group("support"), tenant.group("sales"));

        JsonNode changes = get(last.get(0).get("@odata.deltaLink").asText()).body().get("value");
        assertEquals(1, changes.size());
        JsonNode delta = changes.get(0).get("members@delta");
        assertEquals(List.of("id", "members@delta"), fieldNames(changes.get(0)));
        Map<String, JsonNode> members = byId(toList(delta));
        assertEquals(3, members.size());
        assertEquals("deleted", members.get(tenant.user("alice")).at("/@removed/reason").asText());
        assertFalse(members.get(tenant.user("farid")).has("@removed"));
        assertEquals("#microsoft.graph.group", members.get(tenant.group("sales")).get("@odata.type").asText());
    }

    @Test
    void softDeletingAUserRemovesItsMembershipsAndRestoringGivesThemBack() {
        graph.softDeleteUser(tenant.user("alice"));
        assertEquals(1, get("/groups/" + tenant.group("support") + "/members").body().get("value").size());
        assertEquals(tenant.user("alice"), get("/directory/deletedItems/microsoft.graph.user").body().at("/value/0/id").asText());

        graph.restoreUser(tenant.user("alice"));
        assertEquals(2, get("/groups/" + tenant.group("support") + "/members").body().get("value").size());
        assertEquals(0, get("/directory/deletedItems/microsoft.graph.user").body().get("value").size());
    }

    @Test
    void aForgedTokenIsABadRequest() {
        assertEquals(400, get("/users/delta()?$deltatoken=not-a-token").status());
        assertEquals(400, get("/users?$skiptoken=" + new StateToken("/groups", -1, 0, "x", List.of()).encode()).status());
    }

    // ---- service principals ----

    @Test
    void servicePrincipalCarriesAppRolesAndAssignmentsArePaged() {
        JsonNode sp = get("/servicePrincipals/" + tenant.servicePrincipalId()).body();
        assertEquals(3, sp.get("appRoles").size());

        Answer first = get("/servicePrincipals/" + tenant.servicePrincipalId() + "/appRoleAssignedTo?$top=2");
        assertEquals(2, first.body().get("value").size());
        List<JsonNode> last = new ArrayList<>();
        List<JsonNode> all = all("/servicePrincipals/" + tenant.servicePrincipalId() + "/appRoleAssignedTo?$top=2", last);
        assertEquals(5, all.size());
        assertTrue(all.stream().anyMatch(a -> a.get("appRoleId").asText().equals("00000000-0000-0000-0000-000000000000")));
        assertTrue(all.stream().anyMatch(a -> a.get("principalType").asText().equals("Group")));
    }

    // ---- $batch ----

    @Test
    void batchAnswersEachStepOnItsOwn() {
        String body = """
                {"requests":[
                  {"id":"1","method":"GET","url":"/users/%s?$select=displayName"},
                  {"id":"2","method":"GET","url":"/users/99999999-9999-4999-8999-999999999999"},
                  {"id":"3","method":"GET","url":"/groups?$filter=id%%20eq%%20'%s'"}
                ]}""".formatted(tenant.user("alice"), tenant.group("sales"));

        Answer answer = post("/$batch", body);

        assertEquals(200, answer.status());
        Map<String, JsonNode> steps = new HashMap<>();
        answer.body().get("responses").forEach(r -> steps.put(r.get("id").asText(), r));
        assertEquals(200, steps.get("1").get("status").asInt());
        assertEquals("Alice Andersen", steps.get("1").at("/body/displayName").asText());
        assertEquals(404, steps.get("2").get("status").asInt());
        assertEquals("Request_ResourceNotFound", steps.get("2").at("/body/error/code").asText());
        assertEquals("Sales", steps.get("3").at("/body/value/0/displayName").asText());
        assertEquals(1, graph.requestCount(), "a batch is one HTTP request");
    }

    @Test
    void batchOfMoreThanTwentyRequestsIsRefused() {
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i <= 21; i++) {
            steps.append(i > 1 ? "," : "").append("{\"id\":\"").append(i).append("\",\"method\":\"GET\",\"url\":\"/users\"}");
        }
        Answer answer = post("/$batch", "{\"requests\":[" + steps + "]}");
        assertEquals(400, answer.status());
        assertTrue(answer.body().at("/error/message").asText().contains("20"));
    }

    @Test
    void throttledBatchStepCarriesItsOwnRetryAfter() {
        graph.faults().throttleNextBatchSteps(1, 9);
        Answer answer = post("/$batch", "{\"requests\":[{\"id\":\"a\",\"method\":\"GET\",\"url\":\"/users\"},"
                + "{\"id\":\"b\",\"method\":\"GET\",\"url\":\"/groups\"}]}");
        JsonNode a = answer.body().get("responses").get(0);
        assertEquals(429, a.get("status").asInt());
        assertEquals("9", a.at("/headers/Retry-After").asText());
        assertEquals(200, answer.body().get("responses").get(1).get("status").asInt());
    }

    // ---- control API ----

    @Test
    void generateIsDeterministic() {
        graph.reset();
        GeneratedTenant one = graph.generate(250, 42L);
        JsonNode first = get("/users?$top=999&$select=displayName,mail").body().get("value");
        graph.reset();
        GeneratedTenant two = graph.generate(250, 42L);
        JsonNode second = get("/users?$top=999&$select=displayName,mail").body().get("value");

        assertEquals(one, two);
        assertEquals(first, second);
        assertEquals(250, first.size());
    }

    @Test
    void controlApiRejectsBadInputClearly() {
        assertThrows(IllegalArgumentException.class, () -> graph.createUser("not-a-guid", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> graph.updateUser(tenant.user("alice"), Map.of("shoeSize", 44)));
        assertThrows(IllegalArgumentException.class, () -> graph.restoreUser(tenant.user("alice")));
        assertThrows(IllegalArgumentException.class, () -> graph.addMember(tenant.group("sales"), "99999999-9999-4999-8999-999999999999"));
    }

    @Test
    void requestLogKeepsNoHeaders() {
        get("/users");
        RecordedRequest r = graph.requestLog().get(0);
        assertEquals("GET", r.method());
        assertEquals("/v1.0/users", r.target());
        assertFalse(r.toString().contains(TOKEN));
    }

    private Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The properties of an object, without OData annotations such as {@code @odata.type}. */
    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (!n.startsWith("@odata.")) names.add(n);
        });
        return names;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
