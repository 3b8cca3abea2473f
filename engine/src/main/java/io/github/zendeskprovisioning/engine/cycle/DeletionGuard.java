package io.github.zendeskprovisioning.engine.cycle;

/**
 * Entra's "accidental deletions prevention": a cycle that would suspend or delete more objects than the
 * threshold makes none of them until an admin approves. Creates and updates still go ahead.
 */
public record DeletionGuard(int threshold) {

    public boolean holds(int removals, boolean approved) {
        return removals > threshold && !approved;
    }

    public String reason(int removals) {
        return "held by the deletion guard: this cycle would suspend or delete " + removals
                + " objects, more than PROVISIONING_DELETE_THRESHOLD (" + threshold
                + "); run approve-deletions to let the next cycle make them";
    }
}
