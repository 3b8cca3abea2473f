package io.github.zendeskprovisioning.engine.state;

public enum CycleStatus {
    RUNNING,
    COMPLETED,
    /** Finished its creates and updates, but held its suspensions and deletions (deletion guard). */
    HELD,
    /** Failed as a whole, as the cycle before it did (Zendesk down, credentials refused): the job went into quarantine. */
    QUARANTINED,
    /** Could not run to the end (for instance, a failed Entra read); nothing was suspended on its strength. */
    FAILED
}
