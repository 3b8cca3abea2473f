package io.github.zendeskprovisioning.wiring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ZENDESK_BASE_URL carries the credentials' requests: https, or plain http only to this machine. */
class ZendeskBaseUrlTest {
    private static List<String> problems(String baseUrl) {
        return new Settings(Map.of(Settings.ZENDESK_BASE_URL, baseUrl, Settings.ZENDESK_OAUTH_ACCESS_TOKEN, "t",
                Settings.SCOPE, "AllUsersAndGroups")).problems();
    }

    @Test
    void httpsAndLoopbackHttpAreAccepted() {
        for (String ok : List.of("https://my-tenant.zendesk.com", "https://zendesk.example:8443/", "http://127.0.0.1:8080",
                "http://127.4.5.6/", "http://localhost:9000", "http://LOCALHOST", "http://[::1]:8080")) {
            assertEquals(List.of(), problems(ok), ok);
        }
    }

    @Test
    void plainHttpToAnotherHostIsRefusedNamingTheSettingAndQuotingTheValue() {
        for (String bad : List.of("http://my-tenant.zendesk.com", "http://127.0.0.1.evil.example", "http://10.0.0.1",
                "http://128.0.0.1", "ftp://127.0.0.1", "my-tenant.zendesk.com", "https://user:pw@zendesk.example",
                "http://localhost.evil.example")) {
            List<String> problems = problems(bad);
            assertEquals(1, problems.size(), bad + ": " + problems);
            String message = problems.get(0);
            assertTrue(message.startsWith("ZENDESK_BASE_URL must be an https URL"), message);
            if (bad.contains("pw@")) {
                assertTrue(message.contains("'https://(credentials hidden)@zendesk.example'"), message);
                assertFalse(message.contains("pw"), message);
            } else {
                assertTrue(message.contains("'" + bad + "'"), message);
            }
        }
    }

    @Test
    void aLongValueIsCutInTheMessage() {
        String bad = "http://zendesk.example/" + "x".repeat(500);
        String message = problems(bad).get(0);
        assertTrue(message.contains("'" + bad.substring(0, 100) + "...'"), message);
        assertTrue(message.length() < 300, message);
    }
}
