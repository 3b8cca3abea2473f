package io.github.zendeskprovisioning.adapters.entra;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.graph.SampleTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's answers checked against Microsoft's OpenAPI description of Graph v1.0 (the excerpt in
 * {@code src/test/resources/openapi}, with its source and licence). The excerpt also describes {@code users/microsoft.graph.delta()} and
 * {@code groups/microsoft.graph.delta()}, so delta pages are checked too (their {@code @removed} and
 * {@code members@delta} annotations are extra properties the schemas allow). {@code $batch} is not in the
 * description and is not checked here.
 */
class GraphSimulatorOpenApiTest {
    static final String TOKEN = "openapi-token";
    static OpenApiInteractionValidator validator;
    static GraphSimulator graph;
    static SampleTenant tenant;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(specWithoutDiscriminators())
                // Each allOf part is checked alone, so with this check on every property of the other parts (and
                // Graph's @odata.context, which the generated description leaves out) would count as unknown.
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build())
                .build();
        graph = GraphSimulator.withToken(TOKEN).start();
        tenant = graph.seedSample();
        graph.softDeleteUser(tenant.user("farid"));
    }

    /**
     * The excerpt keeps {@code directoryObject}'s discriminator mapping, whose targets (every other directory
     * type) were left out of the excerpt; the validator refuses such a schema as a whole. Discriminators only
     * steer polymorphic parsing, so they are dropped and every property schema is kept as it is.
     */
    static String specWithoutDiscriminators() {
        try {
            Path spec = Path.of(System.getProperty("reference.dir", "src/test/resources/openapi"), "graph-v1.0-identity.json");
            ObjectMapper mapper = new ObjectMapper();
            JsonNode root = mapper.readTree(Files.readString(spec));
            dropDiscriminators(root);
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void dropDiscriminators(JsonNode node) {
        if (node instanceof ObjectNode object) object.remove("discriminator");
        node.forEach(GraphSimulatorOpenApiTest::dropDiscriminators);
    }

    @AfterAll
    static void stop() {
        graph.close();
    }

    /** Sends the request to the simulator and validates its answer against the operation for {@code specPath}. */
    static void conforms(String specPath, String query) {
        conforms(specPath, specPath, query, TOKEN);
    }

    static void conforms(String specPath, String realPath, String query, String token) {
        try {
            String url = graph.baseUrl() + realPath + (query.isEmpty() ? "" : "?" + query);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            SimpleResponse response = SimpleResponse.Builder.status(r.statusCode())
                    .withContentType(r.headers().firstValue("Content-Type").orElse(""))
                    .withBody(r.body()).build();
            ValidationReport report = validator.validateResponse("/v1.0" + specPath, Request.Method.GET, response);
            assertTrue(!report.hasErrors(), realPath + " (" + r.statusCode() + "): " + report.getMessages());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void usersConform() {
        conforms("/users", "");
        conforms("/users", "$select=id,displayName,accountEnabled,businessPhones&$top=2");
        conforms("/users/{user-id}", "/users/" + tenant.user("alice"), "$select=displayName,accountEnabled", TOKEN);
    }

    @Test
    void expandedManagerAndExtensionAttributesConform() {
        graph.setManager(tenant.user("alice"), tenant.user("bruno"));
        graph.updateUser(tenant.user("alice"), java.util.Map.of("onPremisesExtensionAttributes",
                java.util.Map.of("extensionAttribute1", "CC-1")));
        String query = "$select=id,displayName,onPremisesExtensionAttributes&$expand=manager($select=displayName,mail)";
        conforms("/users", query);
        conforms("/users/{user-id}", "/users/" + tenant.user("alice"), query, TOKEN);
    }

    @Test
    void userDeltaPagesConform() {
        graph.updateUser(tenant.user("bruno"), java.util.Map.of("jobTitle", "Senior Agent"));
        conforms("/users/microsoft.graph.delta()", "$select=id,displayName,accountEnabled");
    }

    @Test
    void groupsConform() {
        conforms("/groups", "");
        conforms("/groups/{group-id}", "/groups/" + tenant.group("sales"), "", TOKEN);
        conforms("/groups/{group-id}/members", "/groups/" + tenant.group("support") + "/members", "", TOKEN);
        conforms("/groups/microsoft.graph.delta()", "$select=displayName,members");
    }

    @Test
    void servicePrincipalAndAssignmentsConform() {
        String sp = tenant.servicePrincipalId();
        conforms("/servicePrincipals/{servicePrincipal-id}", "/servicePrincipals/" + sp, "", TOKEN);
        conforms("/servicePrincipals/{servicePrincipal-id}/appRoleAssignedTo",
                "/servicePrincipals/" + sp + "/appRoleAssignedTo", "$top=2", TOKEN);
    }

    @Test
    void deletedUsersConform() {
        conforms("/directory/deletedItems/microsoft.graph.user", "");
    }

    @Test
    void errorEnvelopesConform() {
        conforms("/users/{user-id}", "/users/99999999-9999-4999-8999-999999999999", "", TOKEN);
        conforms("/users", "/users", "$top=5000", TOKEN);
        conforms("/users", "/users", "", "wrong-token");
    }
}
