package io.github.zendeskprovisioning.engine.cycle.messages;

import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;

/**
 * A suspension ({@link ProvisioningAction#DISABLE}) or deletion ({@link ProvisioningAction#DELETE}) that a
 * worker decided on and that waits for the deletion guard at the end of the cycle. {@code scopeOnly}: the
 * only reason is scope (assignments, memberships), which a later batch of the same cycle may have changed,
 * so the finish step checks it again before acting.
 */
public record StagedRemoval(ObjectKind kind, String entraId, String sourceName, long zendeskId,
                            ProvisioningAction action, String reason, boolean scopeOnly) {
}
