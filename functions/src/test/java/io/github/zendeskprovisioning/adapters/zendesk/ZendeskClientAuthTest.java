package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZendeskClientAuthTest {
    private final ZendeskFixture z = new ZendeskFixture();

    @AfterEach
    void close() {
        z.close();
    }

    @Test
    void apiTokenSignsEveryRequest() {
        ZendeskClient client = z.client();
        client.currentUser();
        client.customRoles();
        assertTrue(z.sim.requestLog().stream().allMatch(r -> r.authorizationPresent() && r.status() == 200));
    }

    @Test
    void oauthTokenIsFetchedOnceAndRenewedBeforeItExpires() {
        z.sim.tokenLifetime(Duration.ofSeconds(1800));
        ZendeskClient client = z.builder(ZendeskFixture.oauthClient()).build();
        client.currentUser();
        client.currentUser();
        assertEquals(1, z.count("POST /oauth/tokens"));
        z.clock.advance(Duration.ofSeconds(1745)); // inside the last minute of the token's life
        client.currentUser();
        assertEquals(2, z.count("POST /oauth/tokens"));
        assertTrue(z.sim.requestLog().stream().noneMatch(r -> r.status() == 401), "never sent an expired token");
    }

    @Test
    void oauthTokenIsRenewedOnceAfterA401() {
        ZendeskClient client = z.builder(ZendeskFixture.oauthClient()).build();
        client.currentUser();
        z.sim.revokeIssuedTokens();
        assertEquals("admin@example.com", client.currentUser().email());
        List<String> trail = z.sim.requestLog().stream().map(r -> r.method() + " " + r.path() + " " + r.status()).toList();
        assertEquals(List.of("POST /oauth/tokens 201", "GET /api/v2/users/me 200", "GET /api/v2/users/me 401",
                "POST /oauth/tokens 201", "GET /api/v2/users/me 200"), trail);
    }

    @Test
    void anUnknownBearerTokenIsACredentialsError() {
        ZendeskException e = assertThrows(ZendeskException.class, () -> z.builder(
                ZendeskCredentials.bearerToken("not-a-token")).build().currentUser());
        assertTrue(e.credentialsRejected());
        assertEquals(401, e.error().httpStatus());
        assertTrue(e.getMessage().contains("invalid_token") || e.getMessage().contains("access token"), e.getMessage());
    }

    @Test
    void wrongApiTokenIsACredentialsErrorNamingNoSecret() {
        ZendeskException e = assertThrows(ZendeskException.class, () -> z.builder(
                ZendeskCredentials.apiToken("admin@example.com", "wrong-token-123")).build().currentUser());
        assertTrue(e.credentialsRejected());
        assertEquals("Unauthorized", e.error().code());
        assertTrue(e.getMessage().contains("Couldn't authenticate you"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token-123"));
    }

    @Test
    void wrongOAuthSecretIsACredentialsError() {
        ZendeskException e = assertThrows(ZendeskException.class, () -> z.builder(
                ZendeskCredentials.oauthClient("zendesk-provisioning", "bad-secret-456")).build().currentUser());
        assertTrue(e.credentialsRejected());
        assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
        assertFalse(e.getMessage().contains("bad-secret-456"));
    }

    @Test
    void fixedBearerTokenIsSentAsIs() {
        z.sim.addBearerToken("fixed-access-token", "admin@example.com");
        assertEquals("admin", z.builder(ZendeskCredentials.bearerToken("fixed-access-token")).build().currentUser().role());
        LoggedRequest only = z.sim.requestLog().get(0);
        assertEquals(200, only.status());
    }

    @Test
    void refusedCredentialsStopABulkWriteInsteadOfFailingEachItem() {
        ZendeskClient client = z.builder(ZendeskCredentials.apiToken("admin@example.com", "nope")).build();
        ZendeskException e = assertThrows(ZendeskException.class,
                () -> client.createUsers(ZendeskClientUsersTest.people(3)));
        assertTrue(e.credentialsRejected());
    }
}
