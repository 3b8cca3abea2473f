package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.state.ProvisionedMembership;

import java.util.Collection;
import java.util.Set;

/**
 * The Zendesk group memberships this service made. A membership of a linked group that is not recorded here
 * was added by hand and is never removed. Every write is idempotent: recording twice, or forgetting what is
 * not there, is harmless.
 */
public interface ProvisionedMembershipStore {

    /** Records (or records again) memberships as made by this service. */
    void record(Collection<ProvisionedMembership> memberships);

    /** The Zendesk user ids whose membership of this Zendesk group this service made. */
    Set<Long> usersOf(long zendeskGroupId);

    /** Forgets this group's memberships of these users (after removing them, or finding them gone). */
    void forget(long zendeskGroupId, Collection<Long> zendeskUserIds);
}
