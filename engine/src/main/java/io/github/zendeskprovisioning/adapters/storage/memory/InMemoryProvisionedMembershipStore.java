package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.ports.ProvisionedMembershipStore;
import io.github.zendeskprovisioning.engine.state.ProvisionedMembership;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Provisioned memberships by Zendesk group, then user; {@code record} replaces. */
final class InMemoryProvisionedMembershipStore implements ProvisionedMembershipStore {
    private final Map<Long, Map<Long, ProvisionedMembership>> byGroup = new HashMap<>();

    @Override
    public synchronized void record(Collection<ProvisionedMembership> memberships) {
        for (ProvisionedMembership m : memberships) {
            byGroup.computeIfAbsent(m.zendeskGroupId(), g -> new TreeMap<>()).put(m.zendeskUserId(), m);
        }
    }

    @Override
    public synchronized Set<Long> usersOf(long zendeskGroupId) {
        return Set.copyOf(byGroup.getOrDefault(zendeskGroupId, Map.of()).keySet());
    }

    @Override
    public synchronized void forget(long zendeskGroupId, Collection<Long> zendeskUserIds) {
        Map<Long, ProvisionedMembership> group = byGroup.get(zendeskGroupId);
        if (group == null) return;
        zendeskUserIds.forEach(group::remove);
        if (group.isEmpty()) byGroup.remove(zendeskGroupId);
    }
}
