package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.ports.StateStores;

import java.time.Clock;

/**
 * Every state port kept in this JVM's memory, with the same semantics as the Azure Table and Queue
 * adapters (conditional writes on etags, queue visibility, dequeue counts, pop receipts). For engine tests,
 * {@code demo} and {@code serve} without storage. Thread-safe.
 */
public final class InMemoryStateStores {
    private InMemoryStateStores() {
    }

    public static StateStores create() {
        return create(Clock.systemUTC());
    }

    /** With the clock the queues read to decide visibility and expiry (tests pass a clock they move). */
    public static StateStores create(Clock clock) {
        EtagSequence etags = new EtagSequence();
        InMemoryCycleStore cycles = new InMemoryCycleStore(etags);
        InMemoryProvisioningLog log = new InMemoryProvisioningLog();
        return new StateStores(new InMemoryLinkStore(etags), cycles, log, new InMemoryEscrowStore(),
                new InMemoryScopeSnapshotStore(), new InMemoryMessageQueues(clock), new InMemoryProvisionedMembershipStore(),
                new InMemoryRetention(log, cycles));
    }
}
