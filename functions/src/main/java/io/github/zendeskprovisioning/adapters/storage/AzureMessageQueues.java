package io.github.zendeskprovisioning.adapters.storage;

import com.azure.storage.queue.QueueServiceClient;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.ports.MessageQueues;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Storage queues named {@code prefix-name}, created on first use. */
final class AzureMessageQueues implements MessageQueues {
    private final QueueServiceClient service;
    private final StorageNames names;
    private final Map<String, AzureMessageQueue> opened = new ConcurrentHashMap<>();

    AzureMessageQueues(QueueServiceClient service, StorageNames names) {
        this.service = service;
        this.names = names;
    }

    @Override
    public MessageQueue queue(String name) {
        String physical = names.queue(name);
        return opened.computeIfAbsent(name, n -> {
            var client = service.getQueueClient(physical);
            StorageFailures.run("creating queue " + physical, client::createIfNotExists);
            return new AzureMessageQueue(name, client);
        });
    }
}
