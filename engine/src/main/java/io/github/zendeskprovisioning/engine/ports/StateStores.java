package io.github.zendeskprovisioning.engine.ports;

/** Every store the engine keeps its state in, as one set built by the wiring. */
public record StateStores(LinkStore links, CycleStore cycles, ProvisioningLog log, EscrowStore escrow,
                          ScopeSnapshotStore scope, MessageQueues queues,
                          ProvisionedMembershipStore memberships) {
}
