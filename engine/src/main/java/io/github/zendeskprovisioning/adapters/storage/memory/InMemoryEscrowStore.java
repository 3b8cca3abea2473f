package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.ports.EscrowStore;
import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Escrow entries by kind and object id; {@code put} replaces. */
final class InMemoryEscrowStore implements EscrowStore {
    private record Key(ObjectKind kind, String objectId) {
    }

    private final Map<Key, EscrowEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized void put(EscrowEntry entry) {
        if (entry == null || entry.kind() == null || entry.objectId() == null || entry.objectId().isEmpty()
                || entry.action() == null || entry.nextAttemptAt() == null) {
            throw new IllegalArgumentException("an escrow entry needs a kind, an object id, an action and a next attempt time");
        }
        entries.put(new Key(entry.kind(), entry.objectId()), entry);
    }

    @Override
    public synchronized Optional<EscrowEntry> find(ObjectKind kind, String objectId) {
        return Optional.ofNullable(entries.get(new Key(kind, objectId)));
    }

    @Override
    public synchronized void remove(ObjectKind kind, String objectId) {
        entries.remove(new Key(kind, objectId));
    }

    @Override
    public synchronized List<EscrowEntry> due(ObjectKind kind, Instant now, int max) {
        if (max < 0) throw new IllegalArgumentException("max must not be negative");
        return entries.values().stream()
                .filter(e -> e.kind() == kind && !e.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(EscrowEntry::nextAttemptAt))
                .limit(max)
                .toList();
    }

    @Override
    public synchronized List<EscrowEntry> startingWith(ObjectKind kind, String prefix) {
        if (prefix == null || prefix.isEmpty()) throw new IllegalArgumentException("an object id prefix must not be empty");
        return entries.values().stream().filter(e -> e.kind() == kind && e.objectId().startsWith(prefix)).toList();
    }

    @Override
    public synchronized List<EscrowEntry> all() {
        return new ArrayList<>(entries.values());
    }

    @Override
    public synchronized void clear() {
        entries.clear();
    }
}
