package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/**
 * An object whose last attempt failed, to be retried from {@code nextAttemptAt} on, at growing intervals.
 * {@code action} says what is retried, and so how:
 * <ul>
 *   <li>USER or GROUP with CREATE, UPDATE or ENABLE: the object is evaluated again from Entra;</li>
 *   <li>USER or GROUP with DISABLE or DELETE: a removal; a DELETE stays a delete (a hard delete in Entra leaves
 *       nothing to read again, so it must not be re-evaluated into a suspension);</li>
 *   <li>MEMBERSHIP with CREATE or DELETE: one membership, {@code objectId} = {@link #membershipId}.</li>
 * </ul>
 * {@code attempts} counts the cycles in which it failed; {@code cycleId} is the last of them (its log has the
 * reason), null for an object looked at again without a failure.
 */
public record EscrowEntry(ObjectKind kind, String objectId, ProvisioningAction action, int attempts, Instant firstFailedAt,
                          Instant nextAttemptAt, String lastReason, String cycleId) {

    private static final char PAIR = '/';

    /** A membership's id: the Entra group (retried by reconciling it) and the Zendesk user, which a removal knows. */
    public static String membershipId(String groupEntraId, long zendeskUserId) {
        return groupEntraId + PAIR + zendeskUserId;
    }

    /** The prefix every membership id of this Entra group starts with. */
    public static String membershipPrefix(String groupEntraId) {
        return groupEntraId + PAIR;
    }

    /** For a MEMBERSHIP entry: the Entra id of its group. */
    public String groupEntraId() {
        if (kind != ObjectKind.MEMBERSHIP) throw new IllegalStateException("only a membership entry names a group");
        return objectId.substring(0, objectId.lastIndexOf(PAIR));
    }
}
