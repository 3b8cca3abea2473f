package io.github.zendeskprovisioning.engine.target;

/** A Zendesk custom agent role (Enterprise plans). */
public record CustomRole(long id, String name, Integer roleType) {
}
