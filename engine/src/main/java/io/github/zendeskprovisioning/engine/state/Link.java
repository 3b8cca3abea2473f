package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/**
 * The matching-key state: this Entra object is that Zendesk record. {@code writtenHash} is the hash of the
 * values last written, so an unchanged object costs no Zendesk call. {@code etag} is the store's version
 * (null for a link not yet stored); updates are conditional on it.
 */
public record Link(ObjectKind kind, String entraId, long zendeskId, LinkState state, String role,
                   String writtenHash, Instant updatedAt, String etag) {

    public Link withState(LinkState newState) {
        return new Link(kind, entraId, zendeskId, newState, role, writtenHash, updatedAt, etag);
    }

    public Link written(String newHash, String newRole, LinkState newState, Instant at) {
        return new Link(kind, entraId, zendeskId, newState, newRole, newHash, at, etag);
    }
}
