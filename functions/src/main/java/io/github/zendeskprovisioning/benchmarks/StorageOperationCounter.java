package io.github.zendeskprovisioning.benchmarks;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the storage operations the product sends, by kind, as pipeline policies on its Table and Queue
 * clients: every HTTP request counts (a retry too, as the service bills and sees it). Table: a point read
 * ({@code GET table(PartitionKey=..,RowKey=..)}), a query page ({@code GET table()?$filter..}, the table list), a
 * write (insert, upsert, merge, delete, create table) and a transaction ({@code POST $batch}). Queue: messages
 * sent, receive calls, deletes, and the rest (visibility updates, creates, peeks).
 */
public final class StorageOperationCounter {
    private final LongAdder reads = new LongAdder();
    private final LongAdder queries = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder sends = new LongAdder();
    private final LongAdder receives = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder otherQueue = new LongAdder();

    /** Counts at one moment; {@link #minus} gives what one cycle did. */
    public record Counts(long reads, long queries, long writes, long transactions,
                         long queueSends, long queueReceives, long queueDeletes, long queueOther) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        public long tableOperations() {
            return reads + queries + writes + transactions;
        }

        public Counts minus(Counts before) {
            return new Counts(reads - before.reads, queries - before.queries, writes - before.writes,
                    transactions - before.transactions, queueSends - before.queueSends,
                    queueReceives - before.queueReceives, queueDeletes - before.queueDeletes, queueOther - before.queueOther);
        }
    }

    public HttpPipelinePolicy tables() {
        return new Counting(this::countTable);
    }

    public HttpPipelinePolicy queues() {
        return new Counting(this::countQueue);
    }

    public Counts snapshot() {
        return new Counts(reads.sum(), queries.sum(), writes.sum(), transactions.sum(),
                sends.sum(), receives.sum(), deletes.sum(), otherQueue.sum());
    }

    void countTable(HttpMethod method, String path) {
        if (method == HttpMethod.POST && path.endsWith("/$batch")) {
            transactions.increment();
        } else if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            (path.contains("PartitionKey=") ? reads : queries).increment();
        } else {
            writes.increment();
        }
    }

    void countQueue(HttpMethod method, String path) {
        boolean messages = path.contains("/messages");
        if (messages && method == HttpMethod.POST) {
            sends.increment();
        } else if (messages && method == HttpMethod.GET) {
            receives.increment();
        } else if (messages && method == HttpMethod.DELETE) {
            deletes.increment();
        } else {
            otherQueue.increment();
        }
    }

    private interface Classifier {
        void count(HttpMethod method, String path);
    }

    /** Runs before each attempt is sent, sync and async clients alike. */
    private static final class Counting extends HttpPipelineSyncPolicy {
        private final Classifier classifier;

        Counting(Classifier classifier) {
            this.classifier = classifier;
        }

        @Override
        protected void beforeSendingRequest(HttpPipelineCallContext context) {
            HttpRequest request = context.getHttpRequest();
            classifier.count(request.getHttpMethod(), java.net.URLDecoder.decode(request.getUrl().getPath(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
