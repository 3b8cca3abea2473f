package io.github.zendeskprovisioning.engine.state;

public enum ObjectKind { USER, GROUP }
