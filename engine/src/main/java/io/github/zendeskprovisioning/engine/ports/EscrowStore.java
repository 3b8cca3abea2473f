package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Objects whose last attempt failed, kept until a later attempt succeeds or the object needs it no more. */
public interface EscrowStore {

    /** Stores the entry, replacing the one of the same kind and object id. */
    void put(EscrowEntry entry);

    Optional<EscrowEntry> find(ObjectKind kind, String objectId);

    void remove(ObjectKind kind, String objectId);

    /**
     * Entries of this kind whose {@code nextAttemptAt} is at or before {@code now}, at most {@code max}, in order of
     * {@code nextAttemptAt}. By kind, so that many entries of one kind (a large group's memberships) never keep
     * the others from their retry.
     */
    List<EscrowEntry> due(ObjectKind kind, Instant now, int max);

    /** Entries of this kind whose object id starts with {@code prefix} (a group's memberships). */
    List<EscrowEntry> startingWith(ObjectKind kind, String prefix);

    List<EscrowEntry> all();

    void clear();

    /** How many objects of each kind wait for a retry (kinds with none are left out). */
    default Map<ObjectKind, Integer> countsByKind() {
        Map<ObjectKind, Integer> counts = new EnumMap<>(ObjectKind.class);
        for (EscrowEntry e : all()) counts.merge(e.kind(), 1, Integer::sum);
        return counts;
    }
}
