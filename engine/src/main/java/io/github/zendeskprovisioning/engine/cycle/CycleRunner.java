package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.QueueMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the queue workers in this process, as the Functions host would: takes messages from the plan and
 * work queues, hands each to the engine, deletes it when handled, leaves it to come back when handling
 * failed, and moves it to {@code <queue>-poison} after {@code maxDequeueCount} attempts. The plan chain
 * runs one message at a time, beside up to {@code workers} work messages, each taken as soon as a worker is
 * free. Every {@link CycleSupervisor#RENEW_EVERY} it also renews its lease on the current cycle (taking over
 * one whose runner is gone) and runs the watchdog, which sends a stalled cycle's due step again. Like the
 * host, it keeps each message it is still handling hidden: every third of the visibility timeout it extends
 * the message's visibility, so a long batch (a large group, a slow Zendesk) is not delivered to a second
 * worker beside the first; only a runner that died lets its messages come back.
 * Used by {@code sync} (until the cycle ends), the benchmark, and the local host (forever). The benchmark's
 * instances are made with {@link #asFunctionsHost}: a Functions host holds no lease and runs no watchdog (the
 * timer does that, every {@code SYNC_SCHEDULE}), so neither does a runner standing in for one.
 */
public final class CycleRunner implements AutoCloseable {
    private final ProvisioningEngine engine;
    private final MessageQueue plan;
    private final MessageQueue work;
    private final MessageQueue planPoison;
    private final MessageQueue workPoison;
    private final Duration visibilityTimeout;
    private final int maxDequeueCount;
    private final int workers;
    private final Consumer<String> problems;
    private final ExecutorService pool;
    private final String holder;
    private long nextKeepAlive = System.nanoTime();
    private Future<?> planInFlight;
    private final List<Future<?>> workInFlight = new ArrayList<>();
    /** The messages being handled, for their visibility to be extended until they are deleted. */
    private final Set<Held> held = ConcurrentHashMap.newKeySet();

    /** A message being handled, with its latest pop receipt; renewal and deletion take turns on it. */
    private static final class Held {
        final MessageQueue queue;
        QueueMessage message;
        Instant renewAt;
        boolean finished;

        Held(MessageQueue queue, QueueMessage message, Instant renewAt) {
            this.queue = queue;
            this.message = message;
            this.renewAt = renewAt;
        }
    }

    public CycleRunner(ProvisioningEngine engine, Duration visibilityTimeout, int maxDequeueCount, Consumer<String> problems) {
        this(engine, visibilityTimeout, maxDequeueCount, 1, problems);
    }

    /**
     * @param workers work messages handled side by side; keep it small: they share the Zendesk rate limit
     */
    public CycleRunner(ProvisioningEngine engine, Duration visibilityTimeout, int maxDequeueCount, int workers,
                       Consumer<String> problems) {
        this(engine, visibilityTimeout, maxDequeueCount, workers, problems, defaultHolder("worker"));
    }

    /**
     * A runner that works the queues as one Azure instance's Functions host does, and nothing else: no lease on
     * the cycle and no watchdog, whose table reads every few seconds an instance in Azure does not make.
     */
    public static CycleRunner asFunctionsHost(ProvisioningEngine engine, Duration visibilityTimeout, int maxDequeueCount,
                                              int workers, Consumer<String> problems) {
        return new CycleRunner(engine, visibilityTimeout, maxDequeueCount, workers, problems, null);
    }

    /**
     * @param holder how this process is named in the cycle's lease (what another {@code sync} prints); null: it
     *               takes no lease and runs no watchdog ({@link #asFunctionsHost})
     */
    public CycleRunner(ProvisioningEngine engine, Duration visibilityTimeout, int maxDequeueCount, int workers,
                       Consumer<String> problems, String holder) {
        this.engine = engine;
        this.holder = holder;
        var queues = engine.context().stores().queues();
        this.plan = queues.queue(CycleQueues.PLAN);
        this.work = queues.queue(CycleQueues.WORK);
        this.planPoison = queues.queue(CycleQueues.PLAN + "-poison");
        this.workPoison = queues.queue(CycleQueues.WORK + "-poison");
        this.visibilityTimeout = visibilityTimeout;
        this.maxDequeueCount = maxDequeueCount;
        this.workers = Math.max(1, workers);
        this.problems = problems;
        this.pool = Executors.newFixedThreadPool(this.workers + 1, r -> {
            Thread t = new Thread(r, "queue-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts what is visible and fits the free workers; returns how many messages it took. */
    public synchronized int pumpOnce() {
        keepAliveWhenDue();
        renewVisibilityWhenDue();
        int taken = 0;
        if (planInFlight != null && planInFlight.isDone()) planInFlight = null;
        workInFlight.removeIf(Future::isDone);
        if (planInFlight == null) {
            for (QueueMessage m : plan.receive(1, visibilityTimeout)) {
                Held h = hold(plan, m);
                planInFlight = pool.submit(() -> handle(h, planPoison));
                taken++;
            }
        }
        int free = workers - workInFlight.size();
        if (free > 0) {
            for (QueueMessage m : work.receive(Math.min(32, free), visibilityTimeout)) {
                Held h = hold(work, m);
                workInFlight.add(pool.submit(() -> handle(h, workPoison)));
                taken++;
            }
        }
        return taken;
    }

    /** A lease holder name for this process: what it is, its process id and its host. */
    public static String defaultHolder(String what) {
        return what + " " + CycleSupervisor.thisProcess();
    }

    public String holder() {
        return holder;
    }

    private void keepAliveWhenDue() {
        if (holder == null || System.nanoTime() - nextKeepAlive < 0) return;
        nextKeepAlive = System.nanoTime() + CycleSupervisor.RENEW_EVERY.toNanos();
        try {
            engine.keepAlive(holder).ifPresent(did -> problems.accept("watchdog: " + did));
        } catch (RuntimeException e) {
            problems.accept("renewing the cycle's lease failed (tried again in " + CycleSupervisor.RENEW_EVERY.toSeconds()
                    + " s): " + e.getMessage());
        }
    }

    private Held hold(MessageQueue queue, QueueMessage m) {
        Held h = new Held(queue, m, now().plus(renewEvery()));
        held.add(h);
        return h;
    }

    private Duration renewEvery() {
        return visibilityTimeout.dividedBy(3);
    }

    /** The engine's clock, which the in-memory queues' timeouts also run on. */
    private Instant now() {
        return engine.context().clock().instant();
    }

    /**
     * Extends the visibility of each message still being handled whose last extension is a third of the timeout
     * old. A message that was received again meanwhile (this runner stalled past its timeout) is let go: the
     * other delivery owns it now, and handling it twice is harmless.
     */
    private void renewVisibilityWhenDue() {
        if (held.isEmpty()) return;
        Instant now = now();
        for (Held h : held) {
            synchronized (h) {
                if (h.finished || now.isBefore(h.renewAt)) continue;
                try {
                    h.message = h.queue.extendVisibility(h.message, visibilityTimeout);
                    h.renewAt = now.plus(renewEvery());
                } catch (ConcurrentUpdateException e) {
                    h.finished = true;
                    held.remove(h);
                } catch (RuntimeException e) {
                    h.renewAt = now.plus(renewEvery().dividedBy(3));
                    problems.accept("extending the visibility of " + h.queue.name() + " message " + h.message.messageId()
                            + " failed (tried again shortly): " + e.getMessage());
                }
            }
        }
    }

    /** True while a message taken by this runner is still being handled. */
    public synchronized boolean busy() {
        return (planInFlight != null && !planInFlight.isDone()) || workInFlight.stream().anyMatch(f -> !f.isDone());
    }

    /** Handles everything visible now and waits for it (for tests that step through a cycle). */
    public int drainOnce() throws InterruptedException {
        int taken = pumpOnce();
        while (busy()) Thread.sleep(5);
        return taken;
    }

    private void handle(Held h, MessageQueue poison) {
        MessageQueue queue = h.queue;
        QueueMessage m = h.message;
        try {
            engine.handle(m.body());
            finish(h);
        } catch (RuntimeException e) {
            String what = queue.name() + " message " + m.messageId() + " (attempt " + m.dequeueCount() + " of " + maxDequeueCount + ")";
            if (m.dequeueCount() >= maxDequeueCount) {
                poison.send(m.body(), Duration.ZERO);
                finish(h);
                problems.accept(what + " moved to " + poison.name() + ": " + e.getMessage());
            } else {
                // Left to come back when its visibility runs out, as the host leaves a failed message.
                synchronized (h) {
                    h.finished = true;
                    held.remove(h);
                }
                problems.accept(what + " failed and will be retried: " + e.getMessage());
            }
        }
    }

    /** Deletes a handled message with its latest pop receipt and stops extending it. */
    private void finish(Held h) {
        synchronized (h) {
            h.finished = true;
            held.remove(h);
            deleteQuietly(h.queue, h.message);
        }
    }

    /**
     * Works until the cycle has finished (or {@code timeout} passes), calling {@code progress} as it goes.
     * Returns the cycle as stored at the end.
     */
    public CycleRecord runToEnd(String cycleId, Duration timeout, Consumer<CycleRecord> progress) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextReport = Instant.EPOCH;
        while (true) {
            int taken = pumpOnce();
            if (Instant.now().isAfter(nextReport) || !busy()) {
                CycleRecord cycle = engine.context().stores().cycles().find(cycleId).orElseThrow();
                progress.accept(cycle);
                nextReport = Instant.now().plusMillis(250);
                if (cycle.finishedAt() != null) {
                    while (busy()) Thread.sleep(5);
                    return engine.context().stores().cycles().find(cycleId).orElseThrow();
                }
            }
            if (Instant.now().isAfter(deadline)) {
                engine.failCycle(cycleId, "did not finish within " + timeout.toMinutes() + " minutes in this process");
                return engine.context().stores().cycles().find(cycleId).orElseThrow();
            }
            if (taken == 0) Thread.sleep(20);
        }
    }

    private static void deleteQuietly(MessageQueue queue, QueueMessage m) {
        try {
            queue.delete(m);
        } catch (ConcurrentUpdateException e) {
            // Its visibility ran out while we worked and someone else took it; their delivery is harmless.
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
