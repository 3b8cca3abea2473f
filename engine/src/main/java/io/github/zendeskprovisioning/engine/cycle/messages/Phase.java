package io.github.zendeskprovisioning.engine.cycle.messages;

/** The planning phases of a cycle, in order. */
public enum Phase {
    /** Read the app roles and every assignment into a new snapshot generation. */
    ASSIGNMENTS,
    /** Read groups/delta to bring the membership snapshot up to date (before any user is evaluated). */
    MEMBERSHIPS,
    /** Compare the new assignment snapshot with the committed one; re-evaluate who it touches. */
    ASSIGNMENT_CHANGES,
    /** Retry objects whose earlier attempts failed. */
    ESCROW,
    /** Read users/delta and send the user batches. */
    USERS,
    /**
     * Initial cycles only: linked users the full read did not return (deleted while no watermark was kept,
     * for instance after a restart) are looked up once more and, when gone, suspended through the guard.
     */
    ORPHANS,
    /** After every user batch: groups/delta again, now to create, update and fill the Zendesk groups. */
    GROUPS,
    /** After every group batch: the deletion guard, suspensions and deletions, the watermark. */
    FINISH
}
