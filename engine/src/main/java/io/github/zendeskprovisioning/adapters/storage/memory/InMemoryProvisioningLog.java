package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.ports.ProvisioningLog;
import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Log entries, newest first. Continuation tokens name the last entry returned (time and change id), not an
 * offset, so entries appended between two pages neither repeat nor hide older ones.
 */
final class InMemoryProvisioningLog implements ProvisioningLog {
    static final int MAX_TOP = 1000;
    private static final String TOKEN_VERSION = "m1";
    private static final Comparator<ProvisioningLogEntry> NEWEST_FIRST =
            Comparator.comparing(ProvisioningLogEntry::time).reversed().thenComparing(ProvisioningLogEntry::changeId)
                    .thenComparing(ProvisioningLogEntry::cycleId);

    /** The position of an entry in newest-first order. */
    private record Position(Instant time, String changeId, String cycleId) {
    }

    /** Change ids are unique within a cycle; the Azure log deduplicates in the cycle's partition too. */
    private record ChangeKey(String cycleId, String changeId) {
    }

    private final Map<ChangeKey, ProvisioningLogEntry> byChange = new HashMap<>();
    private final TreeSet<ProvisioningLogEntry> ordered = new TreeSet<>(NEWEST_FIRST);

    @Override
    public synchronized void append(List<ProvisioningLogEntry> entries) {
        entries.forEach(InMemoryProvisioningLog::check);
        for (ProvisioningLogEntry entry : entries) {
            ChangeKey key = new ChangeKey(entry.cycleId(), entry.changeId());
            ProvisioningLogEntry earlier = byChange.get(key);
            ProvisioningLogEntry kept = entry;
            if (earlier != null) {
                // A replay keeps the first entry's place in the order, as the Azure log does.
                ordered.remove(earlier);
                kept = new ProvisioningLogEntry(entry.cycleId(), entry.changeId(), earlier.time(), entry.kind(),
                        entry.sourceId(), entry.sourceName(), entry.targetId(), entry.action(), entry.status(),
                        entry.dryRun(), entry.steps(), entry.modified(), entry.reason());
            }
            byChange.put(key, kept);
            ordered.add(kept);
        }
    }

    @Override
    public synchronized LogPage query(LogQuery query, int top, String continuationToken) {
        if (top < 1 || top > MAX_TOP) throw new IllegalArgumentException("top must be between 1 and " + MAX_TOP);
        LogQuery q = query == null ? LogQuery.all() : query;
        Position after = continuationToken == null ? null : decode(continuationToken);
        Iterable<ProvisioningLogEntry> candidates = after == null ? ordered
                : ordered.tailSet(probe(after), false);
        List<ProvisioningLogEntry> page = new ArrayList<>();
        boolean more = false;
        for (ProvisioningLogEntry entry : candidates) {
            if (!matches(q, entry)) continue;
            if (page.size() == top) {
                more = true;
                break;
            }
            page.add(entry);
        }
        String next = more ? encode(page.get(page.size() - 1)) : null;
        return new LogPage(page, next);
    }

    @Override
    public synchronized void clear() {
        byChange.clear();
        ordered.clear();
    }

    /** Retention: removes up to {@code max} entries logged before {@code cutoff}, oldest first; returns how many. */
    synchronized int removeBefore(Instant cutoff, int max) {
        int removed = 0;
        for (var it = ordered.descendingIterator(); it.hasNext() && removed < max; ) {
            ProvisioningLogEntry oldest = it.next();
            if (!oldest.time().isBefore(cutoff)) break;
            it.remove();
            byChange.remove(new ChangeKey(oldest.cycleId(), oldest.changeId()));
            removed++;
        }
        return removed;
    }

    synchronized boolean hasEntryBefore(Instant cutoff) {
        return !ordered.isEmpty() && ordered.last().time().isBefore(cutoff);
    }

    private static boolean matches(LogQuery q, ProvisioningLogEntry e) {
        return (q.cycleId() == null || q.cycleId().equals(e.cycleId()))
                && (q.objectId() == null || q.objectId().equals(e.sourceId()))
                && (q.status() == null || q.status() == e.status())
                && (q.action() == null || q.action() == e.action());
    }

    private static void check(ProvisioningLogEntry e) {
        Objects.requireNonNull(e, "log entry");
        if (e.changeId() == null || e.changeId().isEmpty() || e.cycleId() == null || e.cycleId().isEmpty()
                || e.time() == null) {
            throw new IllegalArgumentException("a log entry needs a cycle id, a change id and a time");
        }
    }

    private static ProvisioningLogEntry probe(Position p) {
        return new ProvisioningLogEntry(p.cycleId(), p.changeId(), p.time(), null, null, null, null, null, null, false,
                null, null, null);
    }

    private static String encode(ProvisioningLogEntry last) {
        String raw = TOKEN_VERSION + "|" + last.time().getEpochSecond() + "|" + last.time().getNano() + "|"
                + last.cycleId().length() + "|" + last.cycleId() + last.changeId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 5);
            if (parts.length != 5 || !TOKEN_VERSION.equals(parts[0])) throw new IllegalArgumentException();
            int cycleLength = Integer.parseInt(parts[3]);
            return new Position(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    parts[4].substring(cycleLength), parts[4].substring(0, cycleLength));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("continuationToken is not one this log handed out");
        }
    }
}
