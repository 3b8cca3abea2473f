package io.github.zendeskprovisioning.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.UUID;

/**
 * Gives tests a running Azurite: one process per test JVM, kept in the root extension store (so JUnit
 * stops it when all tests are done), on free ports, in memory. Inject {@link Azurite} into a test,
 * a {@code @BeforeEach} or a {@code @BeforeAll} method.
 */
public final class AzuriteExtension implements BeforeAllCallback, ParameterResolver {

    /** The running emulator, as tests see it. */
    public record Azurite(String connectionString, String accountKey, int queuePort, int tablePort) {
        /** A table/queue name prefix no other test uses. */
        public String uniquePrefix() {
            return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Azurite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).azurite();
    }

    private static AzuriteProcess running(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(AzuriteExtension.class))
                .getOrComputeIfAbsent(AzuriteProcess.class, k -> AzuriteProcess.start(), AzuriteProcess.class);
    }
}
