package io.github.zendeskprovisioning.engine.state;

public enum CycleStatus {
    RUNNING,
    COMPLETED,
    /** Finished its creates and updates, but held its suspensions and deletions (deletion guard). */
    HELD,
    /** Nearly every object failed (bad credentials, Zendesk down): the job went into quarantine. */
    QUARANTINED,
    /** Could not run to the end (for instance, a failed Entra read); nothing was suspended on its strength. */
    FAILED
}
