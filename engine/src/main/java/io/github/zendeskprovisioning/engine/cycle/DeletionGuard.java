package io.github.zendeskprovisioning.engine.cycle;

/**
 * Entra's "accidental deletions prevention": a cycle that would suspend or delete more objects than the
 * threshold makes none of them until an admin approves. Creates and updates still go ahead. An approval
 * releases exactly the removals the held cycle held; any other removal counts against the threshold as usual.
 */
public record DeletionGuard(int threshold) {

    /** Whether {@code removals} (those not released by an approval) are too many for one cycle. */
    public boolean holds(int removals) {
        return removals > threshold;
    }

    /** As {@link #holds(int)}; an approved set of removals is never held. */
    public boolean holds(int removals, boolean approved) {
        return !approved && holds(removals);
    }

    public String reason(int removals) {
        return "held by the deletion guard: this cycle would suspend or delete " + removals
                + " objects, more than PROVISIONING_DELETE_THRESHOLD (" + threshold
                + "); run approve-deletions to let the next cycle make exactly these";
    }
}
