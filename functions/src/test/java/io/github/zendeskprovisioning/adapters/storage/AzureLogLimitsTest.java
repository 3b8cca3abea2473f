package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.ProvisioningLog;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entries beyond Table Storage's column and entity limits are stored shortened, never refused. */
@ExtendWith(AzuriteExtension.class)
class AzureLogLimitsTest {
    @Test
    void anEntryFarOverTheLimitsIsStoredShortenedAndSaysWhatWasLeftOut(AzuriteExtension.Azurite azurite) {
        ProvisioningLog log = AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix()).log();
        List<LogStep> steps = new ArrayList<>();
        List<ModifiedProperty> modified = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            steps.add(new LogStep("step-" + i, "Success", "d".repeat(10_000)));
            modified.add(new ModifiedProperty("p" + i, "o".repeat(5_000), "n".repeat(5_000)));
        }
        String reason = "r".repeat(100_000);
        log.append(List.of(new ProvisioningLogEntry("c1", "ch1", Instant.parse("2026-03-01T10:00:00Z"), ObjectKind.USER,
                "u1", "n".repeat(50_000), 1L, ProvisioningAction.UPDATE, ProvisioningStatus.FAILURE, false, steps,
                modified, reason)));
        ProvisioningLogEntry stored = log.query(new LogQuery("c1", null, null, null), 10, null).entries().get(0);
        assertEquals(LogDetailLimits.REASON_CHARS, stored.reason().length());
        assertTrue(stored.reason().endsWith("…"));
        assertTrue(stored.sourceName().length() <= LogDetailLimits.NAME_CHARS);
        LogStep last = stored.steps().get(stored.steps().size() - 1);
        assertEquals("truncated", last.name());
        assertTrue(last.detail().startsWith((200 - (stored.steps().size() - 1)) + " more steps"), last.detail());
        assertTrue(stored.steps().get(0).detail().length() <= LogDetailLimits.FIELD_CHARS);
        assertTrue(stored.modified().get(stored.modified().size() - 1).newValue().contains("more properties"));
    }
}
