package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.ports.MessageQueues;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Queues by name, created on first use, all reading one clock. */
final class InMemoryMessageQueues implements MessageQueues {
    /** Azure's rule: 3-63 characters, lower-case letters, digits and single hyphens, no hyphen at either end. */
    private static final Pattern QUEUE_NAME = Pattern.compile("(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*");

    private final Clock clock;
    private final Map<String, InMemoryMessageQueue> queues = new ConcurrentHashMap<>();

    InMemoryMessageQueues(Clock clock) {
        this.clock = clock;
    }

    @Override
    public MessageQueue queue(String name) {
        if (name == null || !QUEUE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("queue name '" + name + "' is not valid: use 3 to 63 lower-case letters,"
                    + " digits and single hyphens, starting and ending with a letter or digit");
        }
        return queues.computeIfAbsent(name, n -> new InMemoryMessageQueue(n, clock));
    }
}
