package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The matching-key state: this Entra object is that Zendesk record. {@code writtenHash} is the hash of the
 * values last written, so an unchanged object costs no Zendesk call. {@code etag} is the store's version
 * (null for a link not yet stored); updates are conditional on it. {@code ownedTags} are the user tags the
 * service last wrote through the tags mapping: only those are ever taken away, so tags added by hand stay.
 * {@code writtenValues} are the values behind {@code writtenHash} (attribute to text, and {@code #role},
 * {@code #organization}, {@code #tags}), empty when unknown: a changed user is then updated from them without
 * reading it from Zendesk first.
 */
public record Link(ObjectKind kind, String entraId, long zendeskId, LinkState state, String role,
                   String writtenHash, Instant updatedAt, String etag, List<String> ownedTags,
                   Map<String, String> writtenValues) {
    public Link {
        ownedTags = ownedTags == null ? List.of() : List.copyOf(ownedTags);
        writtenValues = writtenValues == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(writtenValues));
    }

    /** A link whose written values are not known. */
    public Link(ObjectKind kind, String entraId, long zendeskId, LinkState state, String role,
                String writtenHash, Instant updatedAt, String etag, List<String> ownedTags) {
        this(kind, entraId, zendeskId, state, role, writtenHash, updatedAt, etag, ownedTags, Map.of());
    }

    /** A link that owns no tags. */
    public Link(ObjectKind kind, String entraId, long zendeskId, LinkState state, String role,
                String writtenHash, Instant updatedAt, String etag) {
        this(kind, entraId, zendeskId, state, role, writtenHash, updatedAt, etag, List.of());
    }

    public Link withState(LinkState newState) {
        return new Link(kind, entraId, zendeskId, newState, role, writtenHash, updatedAt, etag, ownedTags, writtenValues);
    }

    public Link written(String newHash, String newRole, LinkState newState, Instant at) {
        return new Link(kind, entraId, zendeskId, newState, newRole, newHash, at, etag, ownedTags, Map.of());
    }

    public Link withOwnedTags(List<String> tags) {
        return new Link(kind, entraId, zendeskId, state, role, writtenHash, updatedAt, etag, tags, writtenValues);
    }

    /** The same link with the store's version it was read or written with. */
    public Link withEtag(String newEtag) {
        return new Link(kind, entraId, zendeskId, state, role, writtenHash, updatedAt, newEtag, ownedTags, writtenValues);
    }

    /** The same link without its written values (copies kept in memory for a whole tenant do not need them). */
    public Link withoutWrittenValues() {
        return writtenValues.isEmpty() ? this
                : new Link(kind, entraId, zendeskId, state, role, writtenHash, updatedAt, etag, ownedTags, Map.of());
    }
}
