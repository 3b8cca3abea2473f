package io.github.zendeskprovisioning.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectorySearchApiTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> asked = new ArrayList<>();
    private final DirectorySearchApi api = new DirectorySearchApi(() -> (text, top) -> {
        asked.add(text + "/" + top);
        return List.of(new DirectorySearch.Match("user", "u-1", "Ada Lovelace", "ada@contoso.example", true),
                new DirectorySearch.Match("group", "g-1", "Admins", null, null));
    });

    private JsonNode body(ApiResponse r) throws Exception {
        return mapper.readTree(r.body());
    }

    @Test
    void matchesComeBackAsJsonWithTheirKindIdNameAndMail() throws Exception {
        ApiResponse r = api.handle(new ApiRequest("GET", "search", Map.of("q", "  ada ", "top", "5"), ""));
        assertEquals(200, r.status());
        JsonNode b = body(r);
        assertEquals("ada", b.path("query").asText());
        assertEquals("user", b.at("/matches/0/kind").asText());
        assertEquals("ada@contoso.example", b.at("/matches/0/mail").asText());
        assertEquals("group", b.at("/matches/1/kind").asText());
        assertEquals(List.of("ada/5"), asked);
    }

    @Test
    void missingOrOverlongTextAndABadTopAreRefusedByName() throws Exception {
        assertEquals("MissingQuery", body(api.handle(new ApiRequest("GET", "search", Map.of(), ""))).path("error").asText());
        ApiResponse tooLong = api.handle(new ApiRequest("GET", "search", Map.of("q", "x".repeat(101)), ""));
        assertEquals(400, tooLong.status());
        assertEquals("InvalidQuery", body(tooLong).path("error").asText());
        ApiResponse top = api.handle(new ApiRequest("GET", "search", Map.of("q", "ada", "top", "500"), ""));
        assertEquals("InvalidTop", body(top).path("error").asText());
        assertTrue(body(top).path("message").asText().contains("'500'"));
        assertEquals(405, api.handle(new ApiRequest("POST", "search", Map.of("q", "ada"), "")).status());
        assertTrue(asked.isEmpty(), "nothing was asked of Entra");
    }

    @Test
    void aFailedEntraReadIsA502ThatQuotesNoDetail() throws Exception {
        DirectorySearchApi failing = new DirectorySearchApi(() -> (text, top) -> {
            throw new IllegalStateException("token abc-secret-123 refused");
        });
        ApiResponse r = failing.handle(new ApiRequest("GET", "search", Map.of("q", "ada"), ""));
        assertEquals(502, r.status());
        assertEquals("EntraReadFailed", body(r).path("error").asText());
        assertFalse(r.body().contains("abc-secret-123"));
    }
}
