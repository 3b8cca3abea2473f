package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkPage;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The matching-key state: Entra object id to Zendesk id, with the hash of what was last written. */
public interface LinkStore {

    Optional<Link> find(ObjectKind kind, String entraId);

    /**
     * The links of these ids that exist, keyed by Entra id: a point read per id, never a scan of every link of the
     * kind (which would make a cycle cost the square of the tenant). To know the links of a whole tenant, read
     * {@link #all} once.
     */
    Map<String, Link> find(ObjectKind kind, Collection<String> entraIds);

    /** Stores a new link; {@link ConcurrentUpdateException} if one exists already. Returns it with its etag. */
    Link insert(Link link);

    /** Replaces a stored link if its etag still matches; {@link ConcurrentUpdateException} otherwise. */
    Link update(Link link);

    /** Inserts or replaces these links unconditionally, in as few batch transactions as the store allows. */
    void upsertAll(List<Link> links);

    void delete(ObjectKind kind, String entraId);

    /** Every link of a kind, read page by page as the caller iterates. */
    Iterable<Link> all(ObjectKind kind);

    /** Most links one {@link #activePage} may read (one page of a Table Storage query). */
    int MAX_PAGE = 1_000;

    /**
     * Reads at most {@code max} (1 to {@value #MAX_PAGE}) links of a kind in key order, starting after
     * {@code continuation} (null: from the first), and returns the active ones with the continuation of the
     * next read, so a sweep over any number of links is a chain of bounded steps that a crash can resume.
     */
    LinkPage activePage(ObjectKind kind, String continuation, int max);

    void clear();
}
