package io.github.zendeskprovisioning.engine.directory;

public enum PrincipalType { USER, GROUP, SERVICE_PRINCIPAL }
