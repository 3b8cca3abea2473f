package io.github.zendeskprovisioning.engine.directory;

/** How a delta page says an object left: Graph's {@code @removed} reason. */
public enum Removal {
    /** Still there. */
    NONE,
    /** {@code "@removed": {"reason": "changed"}}: soft-deleted (in the recycle bin, restorable for 30 days). */
    SOFT_DELETED,
    /** {@code "@removed": {"reason": "deleted"}}: permanently deleted. */
    HARD_DELETED
}
