package io.github.zendeskprovisioning.engine.state;

/** What the service last made of the linked Zendesk record. */
public enum LinkState { ACTIVE, SUSPENDED, DELETED }
