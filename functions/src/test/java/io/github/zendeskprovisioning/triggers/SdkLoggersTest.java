package io.github.zendeskprovisioning.triggers;

import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AzuriteExtension.class)
class SdkLoggersTest {
    private final List<LogRecord> errors = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (errors) {
                    errors.add(record);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");
    private StateStores stores;

    @BeforeEach
    void listen(AzuriteExtension.Azurite azurite) {
        root.addHandler(capture);
        stores = AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix());
        stores.links().find(ObjectKind.USER, "warm-up"); // the tables exist before anything is counted
        errors.clear();
    }

    @AfterEach
    void stopListening() {
        root.removeHandler(capture);
    }

    @Test
    void aRowThatIsNotThereYetLogsNoErrorInTheFunctionsHost() {
        SdkLoggers quiet = SdkLoggers.turnedOff();
        try {
            assertTrue(stores.links().find(ObjectKind.USER, "not-linked-yet").isEmpty());
            assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        } finally {
            quiet.restore();
        }
    }

    @Test
    void withoutItAzureCoreLogsTheExpected404AsAnError() {
        // As the host starts: levels inherited (a CLI test in this JVM may have turned these loggers off).
        List<Logger> sdk = SdkLoggers.NAMES.stream().map(Logger::getLogger).toList();
        List<Level> before = sdk.stream().map(Logger::getLevel).toList();
        sdk.forEach(l -> l.setLevel(null));
        try {
            assertTrue(stores.links().find(ObjectKind.USER, "not-linked-yet").isEmpty());
            assertFalse(errors.isEmpty(), "what the host would log as an error for a lookup that found nothing");
            assertTrue(errors.stream().allMatch(r -> r.getLoggerName().startsWith("com.azure")), errors.get(0).getLoggerName());
        } finally {
            for (int i = 0; i < sdk.size(); i++) sdk.get(i).setLevel(before.get(i));
        }
    }
}
