package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.state.QueueMessage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A queue that behaves like an Azure Storage Queue: timeouts in whole seconds, a received message hidden
 * for its visibility timeout and handed out again afterwards with a higher dequeue count and a new pop
 * receipt (the old one stops working), messages that expire after seven days, and the same body limit.
 */
final class InMemoryMessageQueue implements MessageQueue {
    /** Azure base64-encodes bodies into its 64 KiB limit, which leaves 48 KiB of raw text. */
    static final int MAX_BODY_BYTES = 48 * 1024;
    static final Duration MAX_TIMEOUT = Duration.ofDays(7);
    private static final Duration TIME_TO_LIVE = Duration.ofDays(7);

    private static final class Stored {
        final String id = UUID.randomUUID().toString();
        final long sequence;
        final String body;
        final Instant expiresAt;
        Instant visibleAt;
        String popReceipt;
        long dequeueCount;

        Stored(long sequence, String body, Instant visibleAt, Instant expiresAt) {
            this.sequence = sequence;
            this.body = body;
            this.visibleAt = visibleAt;
            this.expiresAt = expiresAt;
        }
    }

    private final String name;
    private final Clock clock;
    private final Map<String, Stored> messages = new LinkedHashMap<>();
    private long sequence;

    InMemoryMessageQueue(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void send(String body, Duration initialDelay) {
        checkBody(body);
        Duration delay = wholeSeconds(initialDelay == null ? Duration.ZERO : initialDelay);
        if (delay.isNegative() || delay.compareTo(MAX_TIMEOUT) >= 0) {
            throw new IllegalArgumentException("initial delay must be at least zero and less than 7 days");
        }
        Instant now = clock.instant();
        Stored stored = new Stored(++sequence, body, now.plus(delay), now.plus(TIME_TO_LIVE));
        messages.put(stored.id, stored);
    }

    @Override
    public synchronized List<QueueMessage> receive(int max, Duration visibilityTimeout) {
        if (max < 1 || max > 32) throw new IllegalArgumentException("max must be between 1 and 32");
        Duration timeout = wholeSeconds(Objects.requireNonNull(visibilityTimeout, "visibilityTimeout"));
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("visibility timeout must be between 1 second and 7 days");
        }
        Instant now = clock.instant();
        dropExpired(now);
        List<Stored> visible = messages.values().stream()
                .filter(m -> !m.visibleAt.isAfter(now))
                .sorted(Comparator.comparing((Stored m) -> m.visibleAt).thenComparingLong(m -> m.sequence))
                .limit(max)
                .toList();
        List<QueueMessage> received = new ArrayList<>();
        for (Stored m : visible) {
            m.visibleAt = now.plus(timeout);
            m.popReceipt = UUID.randomUUID().toString();
            m.dequeueCount++;
            received.add(new QueueMessage(m.id, m.popReceipt, m.body, m.dequeueCount));
        }
        return received;
    }

    @Override
    public synchronized void delete(QueueMessage message) {
        Stored stored = messages.get(message.messageId());
        if (stored == null || stored.popReceipt == null || !stored.popReceipt.equals(message.popReceipt())) {
            throw new ConcurrentUpdateException("message " + message.messageId() + " in queue " + name
                    + " was deleted or received again since this pop receipt was issued", null);
        }
        messages.remove(message.messageId());
    }

    @Override
    public synchronized QueueMessage extendVisibility(QueueMessage message, Duration visibilityTimeout) {
        Duration timeout = wholeSeconds(Objects.requireNonNull(visibilityTimeout, "visibilityTimeout"));
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("visibility timeout must be between 1 second and 7 days");
        }
        Stored stored = messages.get(message.messageId());
        if (stored == null || stored.popReceipt == null || !stored.popReceipt.equals(message.popReceipt())) {
            throw new ConcurrentUpdateException("message " + message.messageId() + " in queue " + name
                    + " was deleted or received again since this pop receipt was issued", null);
        }
        stored.visibleAt = clock.instant().plus(timeout);
        stored.popReceipt = UUID.randomUUID().toString();
        return new QueueMessage(stored.id, stored.popReceipt, stored.body, stored.dequeueCount);
    }

    @Override
    public synchronized long approximateCount() {
        dropExpired(clock.instant());
        return messages.size();
    }

    @Override
    public synchronized void clear() {
        messages.clear();
    }

    private void dropExpired(Instant now) {
        messages.values().removeIf(m -> !m.expiresAt.isAfter(now));
    }

    /** Azure counts timeouts in whole seconds; so do we, so both adapters treat 1.5 s alike. */
    private static Duration wholeSeconds(Duration d) {
        return Duration.ofSeconds(d.getSeconds());
    }

    static void checkBody(String body) {
        if (body == null) throw new IllegalArgumentException("a queue message needs a body");
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("queue message body is " + bytes + " bytes of UTF-8; at most "
                    + MAX_BODY_BYTES + " fit (Azure base64-encodes bodies into its 64 KiB limit)");
        }
    }
}
