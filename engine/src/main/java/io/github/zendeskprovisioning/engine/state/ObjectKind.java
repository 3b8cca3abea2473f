package io.github.zendeskprovisioning.engine.state;

/**
 * What a log entry, link or escrow entry is about; JOB: the provisioning job itself (an operator action);
 * MEMBERSHIP: one user's membership of one group (escrow entries only).
 */
public enum ObjectKind { USER, GROUP, JOB, MEMBERSHIP }
