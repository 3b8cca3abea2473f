package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;
import java.util.List;

/**
 * The matching-key state: this Entra object is that Zendesk record. {@code writtenHash} is the hash of the
 * values last written, so an unchanged object costs no Zendesk call. {@code etag} is the store's version
 * (null for a link not yet stored); updates are conditional on it. {@code ownedTags} are the user tags the
 * service last wrote through the tags mapping: only those are ever taken away, so tags added by hand stay.
 */
public record Link(ObjectKind kind, String entraId, long zendeskId, LinkState state, String role,
                   String writtenHash, Instant updatedAt, String etag, List<String> ownedTags) {
    public Link {
        ownedTags = ownedTags == null ? List.of() : List.copyOf(ownedTags);
    }

    /** A link that owns no tags. */
    public Link(ObjectKind kind, String entraId, long zendeskId, LinkState state, String role,
                String writtenHash, Instant updatedAt, String etag) {
        this(kind, entraId, zendeskId, state, role, writtenHash, updatedAt, etag, List.of());
    }

    public Link withState(LinkState newState) {
        return new Link(kind, entraId, zendeskId, newState, role, writtenHash, updatedAt, etag, ownedTags);
    }

    public Link written(String newHash, String newRole, LinkState newState, Instant at) {
        return new Link(kind, entraId, zendeskId, newState, newRole, newHash, at, etag, ownedTags);
    }

    public Link withOwnedTags(List<String> tags) {
        return new Link(kind, entraId, zendeskId, state, role, writtenHash, updatedAt, etag, tags);
    }
}
