package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/**
 * A Zendesk group membership this service made (or adopted, see {@code MembershipWriter}): the only kind it
 * may ever remove. Keyed by the Zendesk group and user, not the membership id, so that a membership made
 * again after a removal by hand is still the same record.
 */
public record ProvisionedMembership(long zendeskGroupId, long zendeskUserId, Instant recordedAt) {
    public ProvisionedMembership {
        if (zendeskGroupId <= 0 || zendeskUserId <= 0) {
            throw new IllegalArgumentException("a provisioned membership needs positive Zendesk group and user ids, not "
                    + zendeskGroupId + " and " + zendeskUserId);
        }
        if (recordedAt == null) throw new IllegalArgumentException("a provisioned membership needs the time it was recorded");
    }
}
