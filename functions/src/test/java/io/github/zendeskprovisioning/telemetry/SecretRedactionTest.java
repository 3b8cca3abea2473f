package io.github.zendeskprovisioning.telemetry;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretRedactionTest {
    @Test
    void bearerAndBasicCredentialsAreMasked() {
        String text = SecretRedaction.redact("sent Authorization: Bearer abc.def.ghi123 and Basic dXNlcjp0b2tlbg==");
        assertEquals("sent Authorization: Bearer [redacted] and Basic [redacted]", text);
    }

    @Test
    void keyValueSecretsAndTheZendeskTokenFormAreMasked() {
        String text = SecretRedaction.redact("admin@contoso.com/token:s3cr3tT0ken client_secret=xyz123&grant_type=c"
                + " AccountKey=a2V5PQ==; password: hunter22 {\"access_token\":\"at-1\"}");
        for (String secret : new String[]{"s3cr3tT0ken", "xyz123", "a2V5PQ==", "hunter22", "at-1"}) {
            assertFalse(text.contains(secret), text);
        }
        assertTrue(text.contains("grant_type=c"), "what is not a credential stays readable: " + text);
        assertTrue(text.startsWith("admin@contoso.com/token:[redacted]"), text);
    }

    @Test
    void plainReasonsStayAsTheyAre() {
        String reason = "Zendesk says the email ada@contoso.com is already taken by user 123";
        assertEquals(reason, SecretRedaction.redact(reason));
        assertNull(SecretRedaction.redact(null));
    }

    @Test
    void longTextIsBounded() {
        String text = SecretRedaction.redact("x".repeat(5000));
        assertEquals(SecretRedaction.MAX_LENGTH + 3, text.length());
    }
}
