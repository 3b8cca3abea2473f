package io.github.zendeskprovisioning.engine.state;

/** What a log entry or link is about; JOB: the provisioning job itself (an operator action). */
public enum ObjectKind { USER, GROUP, JOB }
