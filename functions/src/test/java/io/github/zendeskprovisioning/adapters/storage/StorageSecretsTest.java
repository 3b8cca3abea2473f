package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** No exception that storage raises carries the connection string or the account key, down its causes. */
@ExtendWith(AzuriteExtension.class)
class StorageSecretsTest {
    private static final String WRONG_KEY = "c2VjcmV0LWtleS10aGF0LW11c3QtbmV2ZXItYmUtc2hvd24tYW55d2hlcmUtMTIzNDU2Nzg5MA==";

    private static void assertNoSecret(Throwable thrown, String... secrets) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String text = t.toString();
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "secret in " + t.getClass().getName() + ": " + text);
            }
        }
    }

    private static String withKey(AzuriteExtension.Azurite azurite, String key) {
        return azurite.connectionString().replace(azurite.accountKey(), key);
    }

    @Test
    void aRefusedKeyIsReportedWithoutTheKeyOrTheConnectionString(AzuriteExtension.Azurite azurite) {
        String connectionString = withKey(azurite, WRONG_KEY);
        StateStores stores = AzureStateStores.fromConnectionString(connectionString, azurite.uniquePrefix());
        for (Consumer<StateStores> operation : java.util.List.<Consumer<StateStores>>of(
                s -> s.links().find(ObjectKind.USER, "u1"),
                s -> s.cycles().jobState(),
                s -> s.queues().queue("work").send("x", Duration.ZERO))) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> operation.accept(stores));
            assertNoSecret(thrown, WRONG_KEY, connectionString);
        }
    }

    @Test
    void aMalformedConnectionStringIsRefusedWithoutQuotingIt() {
        String malformed = "AccountName=acct;AccountKey=" + WRONG_KEY + ";NoEndpointsHere";
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> AzureStateStores.fromConnectionString(malformed, ""));
        assertNoSecret(thrown, WRONG_KEY, malformed);
        assertNoSecret(assertThrows(IllegalArgumentException.class,
                () -> AzureStateStores.fromConnectionString("DefaultEndpointsProtocol=https;AccountKey=" + WRONG_KEY, "")), WRONG_KEY);
    }

    @Test
    void aBadPrefixIsRefusedBeforeAnythingIsContacted(AzuriteExtension.Azurite azurite) {
        assertThrows(IllegalArgumentException.class,
                () -> AzureStateStores.fromConnectionString(azurite.connectionString(), "has-hyphen"));
    }
}
