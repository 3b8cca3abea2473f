package io.github.zendeskprovisioning.benchmarks;

import java.time.Duration;

/**
 * How the benchmark runs. {@link #productionLike} is what the {@code benchmark} command does by default: Azurite,
 * four instances of one worker each, Zendesk's 700 requests a minute with Retry-After, jobs of
 * {@code jobBase + jobPerItem * items}, and 30 % of the tenant already in Zendesk, made by hand.
 *
 * @param storage          where the product's tables and queues live
 * @param connectionString for {@link Storage#CONNECTION_STRING} only
 * @param preExisting      share (0 to 1) of the tenant's users already in Zendesk as end-users, without external id
 * @param instances        product instances side by side (separate clients, gates and stores; one storage)
 * @param workers          work messages each instance handles at once
 * @param rateLimit        Zendesk's requests a minute (the simulator answers 429 over it; the clients pace to it)
 */
public record BenchmarkOptions(int users, int changes, long seed, double preExisting, Storage storage, String connectionString,
                               int instances, int workers, int rateLimit, Duration jobBase, Duration jobPerItem) {
    /** A rate limit high enough never to be reached (the old quick mode). */
    public static final int UNLIMITED = 1_000_000;

    public enum Storage { AZURITE, CONNECTION_STRING, IN_MEMORY }

    public BenchmarkOptions {
        if (users < 1) throw new IllegalArgumentException("users must be 1 or more, not " + users);
        if (changes < 0 || changes > users) throw new IllegalArgumentException("changes must be from 0 to " + users + ", not " + changes);
        if (preExisting < 0 || preExisting > 1) throw new IllegalArgumentException("the pre-existing share must be from 0 to 1, not " + preExisting);
        if (instances < 1 || workers < 1) throw new IllegalArgumentException("instances and workers must be 1 or more");
        if (rateLimit < 10) throw new IllegalArgumentException("the rate limit must be 10 a minute or more, not " + rateLimit);
        if (jobBase.isNegative() || jobPerItem.isNegative()) throw new IllegalArgumentException("job durations must not be negative");
        if (storage == Storage.CONNECTION_STRING && (connectionString == null || connectionString.isBlank())) {
            throw new IllegalArgumentException("a connection string is needed for storage " + storage);
        }
    }

    /** Four instances each taking four work messages at once, as {@code host.json}'s {@code queues.batchSize} lets them. */
    public static BenchmarkOptions productionLike(int users, int changes, long seed) {
        return new BenchmarkOptions(users, changes, seed, 0.30, Storage.AZURITE, null, 4, 4, 700,
                Duration.ofSeconds(1), Duration.ofMillis(50));
    }

    public BenchmarkOptions withStorage(Storage newStorage, String newConnectionString) {
        return new BenchmarkOptions(users, changes, seed, preExisting, newStorage, newConnectionString, instances, workers,
                rateLimit, jobBase, jobPerItem);
    }

    public BenchmarkOptions withZendesk(int newRateLimit, Duration newJobBase, Duration newJobPerItem) {
        return new BenchmarkOptions(users, changes, seed, preExisting, storage, connectionString, instances, workers,
                newRateLimit, newJobBase, newJobPerItem);
    }

    public BenchmarkOptions withPreExisting(double share) {
        return new BenchmarkOptions(users, changes, seed, share, storage, connectionString, instances, workers,
                rateLimit, jobBase, jobPerItem);
    }

    public BenchmarkOptions withWorkers(int newInstances, int newWorkers) {
        return new BenchmarkOptions(users, changes, seed, preExisting, storage, connectionString, newInstances, newWorkers,
                rateLimit, jobBase, jobPerItem);
    }

    /** Without the connection string: it may hold an account key. */
    @Override
    public String toString() {
        return "BenchmarkOptions[users=" + users + ", changes=" + changes + ", seed=" + seed + ", preExisting=" + preExisting
                + ", storage=" + storage + ", instances=" + instances + ", workers=" + workers + ", rateLimit=" + rateLimit
                + ", jobBase=" + jobBase + ", jobPerItem=" + jobPerItem + "]";
    }

    public boolean limited() {
        return rateLimit < UNLIMITED;
    }
}
