package io.github.zendeskprovisioning.engine.state;

/**
 * One object that failed in a cycle. {@code reasonCode} is short and stable ("EmailTaken",
 * "ZendeskUnavailable", "MatchConflict", ...) for grouping; {@code reason} is the readable sentence. No secret.
 */
public record ObjectFailure(String cycleId, ObjectKind objectKind, String objectId, ProvisioningAction action,
                            String reasonCode, String reason) {
}
