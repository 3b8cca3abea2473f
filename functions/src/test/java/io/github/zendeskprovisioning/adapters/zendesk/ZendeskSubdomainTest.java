package io.github.zendeskprovisioning.adapters.zendesk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZendeskSubdomainTest {
    @Test
    void lettersDigitsAndHyphensMakeTheAccountAddress() {
        assertEquals("https://my-tenant2.zendesk.com", ZendeskSubdomain.of(" My-Tenant2 ").baseUrl());
    }

    @Test
    void anythingThatCouldSteerRequestsElsewhereIsRefusedWithAClearMessage() {
        for (String bad : new String[]{"https://my-tenant.zendesk.com", "evil.com/x", "a@b", "-tenant", "tenant-",
                "ten ant", "x".repeat(64), "tenant.evil.com#"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZendeskSubdomain.of(bad), bad);
            assertTrue(e.getMessage().contains("letters, digits and hyphens"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZendeskSubdomain.of(" ")).getMessage().contains("empty"));
    }

    @Test
    void theClientNeedsCredentialsAndAnAddress() {
        assertThrows(IllegalStateException.class, () -> ZendeskClient.builder().subdomain("my-tenant").build());
        assertThrows(IllegalStateException.class, () -> ZendeskClient.builder()
                .credentials(ZendeskCredentials.bearerToken("t")).build());
        assertThrows(IllegalStateException.class, () -> ZendeskClient.builder().baseUrl("not a url")
                .credentials(ZendeskCredentials.bearerToken("t")).build());
        assertThrows(IllegalArgumentException.class, () -> ZendeskCredentials.apiToken("admin@example.com", " "));
    }
}
