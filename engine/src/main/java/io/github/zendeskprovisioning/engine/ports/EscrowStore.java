package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Objects whose last attempt failed, kept until a later attempt succeeds. */
public interface EscrowStore {

    void put(EscrowEntry entry);

    Optional<EscrowEntry> find(ObjectKind kind, String objectId);

    void remove(ObjectKind kind, String objectId);

    /** Entries whose {@code nextAttemptAt} is at or before {@code now}, at most {@code max}. */
    List<EscrowEntry> due(Instant now, int max);

    List<EscrowEntry> all();

    void clear();
}
