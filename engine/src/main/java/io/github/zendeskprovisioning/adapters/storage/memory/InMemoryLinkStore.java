package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkPage;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Links by kind and Entra id; every write gets a new etag and {@link #update} is conditional on it. */
final class InMemoryLinkStore implements LinkStore {
    private final EtagSequence etags;
    private final Map<ObjectKind, TreeMap<String, Link>> byKind = new EnumMap<>(ObjectKind.class);

    InMemoryLinkStore(EtagSequence etags) {
        this.etags = etags;
        for (ObjectKind kind : ObjectKind.values()) byKind.put(kind, new TreeMap<>());
    }

    @Override
    public synchronized Optional<Link> find(ObjectKind kind, String entraId) {
        return Optional.ofNullable(byKind.get(kind).get(entraId));
    }

    @Override
    public synchronized Map<String, Link> find(ObjectKind kind, Collection<String> entraIds) {
        Map<String, Link> found = new LinkedHashMap<>();
        for (String id : entraIds) {
            Link link = byKind.get(kind).get(id);
            if (link != null) found.put(id, link);
        }
        return found;
    }

    @Override
    public synchronized Link insert(Link link) {
        checkKeys(link);
        TreeMap<String, Link> links = byKind.get(link.kind());
        if (links.containsKey(link.entraId())) {
            throw new ConcurrentUpdateException("a " + link.kind() + " link for '" + link.entraId() + "' exists already", null);
        }
        return store(link);
    }

    @Override
    public synchronized Link update(Link link) {
        checkKeys(link);
        if (link.etag() == null) {
            throw new IllegalArgumentException("a link update needs the etag it was read with; insert new links");
        }
        Link stored = byKind.get(link.kind()).get(link.entraId());
        if (stored == null || !stored.etag().equals(link.etag())) {
            throw new ConcurrentUpdateException("the " + link.kind() + " link for '" + link.entraId()
                    + "' changed or vanished since it was read", null);
        }
        return store(link);
    }

    @Override
    public synchronized void upsertAll(List<Link> links) {
        links.forEach(InMemoryLinkStore::checkKeys);
        links.forEach(this::store);
    }

    @Override
    public synchronized void delete(ObjectKind kind, String entraId) {
        byKind.get(kind).remove(entraId);
    }

    @Override
    public synchronized Iterable<Link> all(ObjectKind kind) {
        return new ArrayList<>(byKind.get(kind).values());
    }

    @Override
    public synchronized LinkPage activePage(ObjectKind kind, String continuation, int max) {
        if (max < 1 || max > MAX_PAGE) throw new IllegalArgumentException("a page of links holds 1 to " + MAX_PAGE + ", not " + max);
        TreeMap<String, Link> links = byKind.get(kind);
        Map<String, Link> after = continuation == null ? links : links.tailMap(continuation, false);
        List<Link> active = new ArrayList<>();
        String last = null;
        int read = 0;
        for (Link link : after.values()) {
            if (read == max) break;
            read++;
            last = link.entraId();
            if (link.state() == LinkState.ACTIVE) active.add(link);
        }
        // A full page may have more behind it; a short one was the last.
        return new LinkPage(active, read == max ? last : null);
    }

    @Override
    public synchronized void clear() {
        byKind.values().forEach(Map::clear);
    }

    private Link store(Link link) {
        Link stored = link.withEtag(etags.next());
        byKind.get(link.kind()).put(link.entraId(), stored);
        return stored;
    }

    private static void checkKeys(Link link) {
        Objects.requireNonNull(link, "link");
        if (link.kind() == null || link.entraId() == null || link.entraId().isEmpty()) {
            throw new IllegalArgumentException("a link needs a kind and a non-empty Entra id");
        }
    }
}
