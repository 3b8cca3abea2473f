package io.github.zendeskprovisioning.engine.ports;

/** Every store the engine keeps its state in, as one set built by the wiring, and the pruning of them. */
public record StateStores(LinkStore links, CycleStore cycles, ProvisioningLog log, EscrowStore escrow,
                          ScopeSnapshotStore scope, MessageQueues queues,
                          ProvisionedMembershipStore memberships, Retention retention) {
}
