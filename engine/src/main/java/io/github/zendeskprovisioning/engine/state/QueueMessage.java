package io.github.zendeskprovisioning.engine.state;

/** A received queue message; {@code popReceipt} proves the receiver's claim and is needed to delete it. */
public record QueueMessage(String messageId, String popReceipt, String body, long dequeueCount) {
}
