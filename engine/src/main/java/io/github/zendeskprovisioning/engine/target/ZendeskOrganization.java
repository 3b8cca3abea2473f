package io.github.zendeskprovisioning.engine.target;

/** A Zendesk organization; its name is unique in the account (case-insensitive). */
public record ZendeskOrganization(long id, String name) {
}
