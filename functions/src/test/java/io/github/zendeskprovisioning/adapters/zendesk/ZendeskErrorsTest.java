package io.github.zendeskprovisioning.adapters.zendesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZendeskErrorsTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ZendeskErrors errors = new ZendeskErrors(mapper);

    @Test
    void recordInvalidBecomesZendesksOwnSentencesWithPerFieldDetails() {
        ZendeskError e = errors.fromResponse(422, "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
                + "\"details\":{\"email\":[{\"description\":\"Email: alice@contoso.com is already being used by another user\","
                + "\"error\":\"DuplicateValue\"}],\"name\":[{\"description\":\"Name: is too short\",\"error\":\"BlankValue\"}]}}", 0);
        assertEquals("RecordInvalid", e.code());
        assertEquals("Email: alice@contoso.com is already being used by another user; Name: is too short", e.description());
        assertEquals(List.of("email: Email: alice@contoso.com is already being used by another user (DuplicateValue)",
                "name: Name: is too short (BlankValue)"), e.details());
        assertTrue(e.emailTaken());
        assertFalse(e.retryable());
    }

    @Test
    void throttlingAndServerErrorsAreRetryableAndNotFoundIsNot() {
        ZendeskError throttled = errors.fromResponse(429, "", 30);
        assertEquals("Throttled", throttled.code());
        assertTrue(throttled.retryable());
        assertTrue(throttled.description().contains("30 s"));
        assertTrue(errors.fromResponse(503, "<html>down</html>", 0).retryable());
        ZendeskError missing = errors.fromResponse(404, "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}", 0);
        assertEquals("RecordNotFound", missing.code());
        assertEquals("Not found", missing.description());
        assertFalse(missing.retryable());
    }

    @Test
    void a401IsACredentialsErrorSayingWhatToCheck() {
        ZendeskError e = errors.fromResponse(401, "{\"error\":\"Couldn't authenticate you\"}", 0);
        assertEquals("Unauthorized", e.code());
        assertTrue(e.description().contains("Couldn't authenticate you") && e.description().contains("API token"));
    }

    @Test
    void aFailedJobItemKeepsZendesksDetails() throws Exception {
        ZendeskError e = ZendeskErrors.fromJobItem(mapper.readTree("{\"id\":5,\"action\":\"create\",\"error\":\"DuplicateValue\","
                + "\"details\":\"Email: bob@contoso.com is already being used by another user\",\"success\":false}"));
        assertEquals("DuplicateValue", e.code());
        assertEquals(0, e.httpStatus());
        assertTrue(e.emailTaken());
    }
}
