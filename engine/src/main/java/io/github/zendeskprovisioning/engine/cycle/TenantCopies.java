package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ports.StateStores;

/**
 * What one engine (one process) keeps of the tenant for the batches of an initial cycle, shared by its user and
 * group batches: the links ({@link TenantLinks}) and the scope snapshot ({@link ScopeCopy}), each read whole once
 * per cycle instead of once per batch member. Other cycles read the stores directly and drop these copies.
 */
public final class TenantCopies {
    final TenantLinks links;
    final ScopeCopy scope;

    public TenantCopies(StateStores stores) {
        this.links = new TenantLinks(stores.links());
        this.scope = new ScopeCopy(stores.scope());
    }
}
