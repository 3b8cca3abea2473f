package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.state.QueueMessage;

import java.time.Duration;
import java.util.List;

/**
 * A work queue with Azure Storage Queue semantics: a received message is invisible for the visibility
 * timeout and comes back (with a higher dequeue count) unless deleted. Bodies are text of at most 64 KiB.
 */
public interface MessageQueue {

    String name();

    /** Sends a message that becomes visible after {@code initialDelay} (zero: at once). */
    void send(String body, java.time.Duration initialDelay);

    /** Up to {@code max} (1..32) visible messages, each hidden for {@code visibilityTimeout}. */
    List<QueueMessage> receive(int max, Duration visibilityTimeout);

    /** Deletes a received message; {@link ConcurrentUpdateException} if its pop receipt is no longer valid. */
    void delete(QueueMessage message);

    /**
     * Keeps a received message hidden for {@code visibilityTimeout} more from now, as the Functions host does for
     * a message whose function still runs. Returns it with its new pop receipt (the old one stops working);
     * {@link ConcurrentUpdateException} if it was deleted or received again since.
     */
    QueueMessage extendVisibility(QueueMessage message, Duration visibilityTimeout);

    /** Approximate number of messages, visible or not. */
    long approximateCount();

    void clear();
}
