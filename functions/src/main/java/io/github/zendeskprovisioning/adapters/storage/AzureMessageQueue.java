package io.github.zendeskprovisioning.adapters.storage;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.UpdateMessageResult;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.state.QueueMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Azure Storage queue. Bodies go base64-encoded (what the Functions queue trigger reads), which turns
 * the service's 64 KiB into 48 KiB of UTF-8 text: larger bodies are refused here, before any request.
 * Timeouts are whole seconds, as the service counts them.
 */
final class AzureMessageQueue implements MessageQueue {
    static final int MAX_BODY_BYTES = 48 * 1024;
    private static final Duration MAX_TIMEOUT = Duration.ofDays(7);

    private final String name;
    private final QueueClient client;

    AzureMessageQueue(String name, QueueClient client) {
        this.name = name;
        this.client = client;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(String body, Duration initialDelay) {
        if (body == null) throw new IllegalArgumentException("a queue message needs a body");
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("queue message body is " + bytes + " bytes of UTF-8; at most "
                    + MAX_BODY_BYTES + " fit (Azure base64-encodes bodies into its 64 KiB limit)");
        }
        Duration delay = Duration.ofSeconds((initialDelay == null ? Duration.ZERO : initialDelay).getSeconds());
        if (delay.isNegative() || delay.compareTo(MAX_TIMEOUT) >= 0) {
            throw new IllegalArgumentException("initial delay must be at least zero and less than 7 days");
        }
        StorageFailures.run("sending to queue " + name,
                () -> client.sendMessageWithResponse(body, delay.isZero() ? null : delay, null, null, null));
    }

    @Override
    public List<QueueMessage> receive(int max, Duration visibilityTimeout) {
        if (max < 1 || max > 32) throw new IllegalArgumentException("max must be between 1 and 32");
        Duration timeout = visibility(visibilityTimeout);
        return StorageFailures.call("receiving from queue " + name, () -> {
            List<QueueMessage> received = new ArrayList<>();
            for (QueueMessageItem item : client.receiveMessages(max, timeout, null, null)) {
                received.add(new QueueMessage(item.getMessageId(), item.getPopReceipt(),
                        item.getBody() == null ? "" : item.getBody().toString(), item.getDequeueCount()));
            }
            return received;
        });
    }

    @Override
    public void delete(QueueMessage message) {
        String what = "deleting message " + message.messageId() + " from queue " + name;
        try {
            client.deleteMessage(message.messageId(), message.popReceipt());
        } catch (RuntimeException e) {
            throw failedByReceipt(what, e);
        }
    }

    @Override
    public QueueMessage extendVisibility(QueueMessage message, Duration visibilityTimeout) {
        Duration timeout = visibility(visibilityTimeout);
        String what = "extending the visibility of message " + message.messageId() + " in queue " + name;
        try {
            // The body is given again: the update replaces it, and the client encodes it as it encoded the send.
            UpdateMessageResult result = client.updateMessage(message.messageId(), message.popReceipt(), message.body(), timeout);
            return new QueueMessage(message.messageId(), result.getPopReceipt(), message.body(), message.dequeueCount());
        } catch (RuntimeException e) {
            throw failedByReceipt(what, e);
        }
    }

    /** 404 MessageNotFound and 400 PopReceiptMismatch: deleted already, or received again since. */
    private static RuntimeException failedByReceipt(String what, RuntimeException e) {
        int status = StorageFailures.status(e);
        if (status == 404 || status == 400) {
            return new ConcurrentUpdateException(what + ": it was deleted or received again since this pop receipt"
                    + " was issued (" + StorageFailures.errorCode(e) + ")", e);
        }
        return StorageFailures.map(what, e);
    }

    /** Whole seconds, as the service counts them, from 1 second to 7 days. */
    private static Duration visibility(Duration visibilityTimeout) {
        Duration timeout = Duration.ofSeconds(Objects.requireNonNull(visibilityTimeout, "visibilityTimeout").getSeconds());
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("visibility timeout must be between 1 second and 7 days");
        }
        return timeout;
    }

    @Override
    public long approximateCount() {
        return StorageFailures.call("counting queue " + name, () -> (long) client.getProperties().getApproximateMessagesCount());
    }

    @Override
    public void clear() {
        StorageFailures.run("clearing queue " + name, client::clearMessages);
    }
}
