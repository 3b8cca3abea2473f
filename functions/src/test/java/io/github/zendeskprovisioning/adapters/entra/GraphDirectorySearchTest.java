package io.github.zendeskprovisioning.adapters.entra;

import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import io.github.zendeskprovisioning.api.DirectorySearch;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.graph.SampleTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphDirectorySearchTest {
    private static final String TOKEN = "search-test-token";
    private GraphSimulator graph;
    private SampleTenant tenant;
    private GraphDirectorySearch search;

    @BeforeEach
    void start() {
        graph = GraphSimulator.withToken(TOKEN).start();
        tenant = graph.seedSample();
        search = new GraphDirectorySearch(graph.baseUrl(), GraphCredential.accessToken(TOKEN), RetryAfterWindow.inProcess());
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void findsUsersAndGroupsByTheStartOfTheirNameOrMailIgnoringCase() {
        graph.createUser("0c0e5013-0000-4000-8000-000000000901", Map.of("displayName", "Zora O'Neil",
                "userPrincipalName", "zora@contoso.example", "mail", "zora.oneil@contoso.example", "accountEnabled", false));
        List<DirectorySearch.Match> byName = search.find("zora o'", 10);
        assertEquals(1, byName.size(), byName.toString());
        assertEquals("user", byName.get(0).kind());
        assertEquals("zora.oneil@contoso.example", byName.get(0).mail());
        assertEquals(Boolean.FALSE, byName.get(0).accountEnabled());
        assertEquals(byName, search.find("ZORA.ONEIL@", 10));
        assertEquals(byName, search.find("0c0e5013-0000-4000-8000-000000000901", 10));

        String support = tenant.group("support");
        List<DirectorySearch.Match> groups = search.find("Supp", 10);
        assertTrue(groups.stream().anyMatch(m -> m.kind().equals("group") && m.id().equals(support)), groups.toString());
        assertTrue(search.find("no such name at all", 10).isEmpty());
    }

    @Test
    void aRefusedTokenIsAnEntraReadErrorWithoutTheToken() {
        GraphDirectorySearch wrong = new GraphDirectorySearch(graph.baseUrl(), GraphCredential.accessToken("wrong-token-77"), RetryAfterWindow.inProcess());
        EntraReadException e = assertThrows(EntraReadException.class, () -> wrong.find("ada", 5));
        assertFalse(e.getMessage().contains("wrong-token-77"), e.getMessage());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }
}
