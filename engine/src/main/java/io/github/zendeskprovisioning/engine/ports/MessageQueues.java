package io.github.zendeskprovisioning.engine.ports;

/** Opens queues by name (lower-case letters, digits and hyphens, 3 to 63 characters), creating them if needed. */
public interface MessageQueues {
    MessageQueue queue(String name);
}
