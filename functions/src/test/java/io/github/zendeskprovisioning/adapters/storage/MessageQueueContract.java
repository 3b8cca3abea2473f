package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.MessageQueue;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class MessageQueueContract extends StoreContract {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    /** Lets at least {@code time} pass as the queue sees it (a test clock moves, or the test waits). */
    protected abstract void letTimePass(Duration time);

    private MessageQueue queue() {
        return stores().queues().queue("work-items");
    }

    @Test
    void aSentMessageIsReceivedOnceWithDequeueCountOne() {
        queue().send("{\"batch\":1}", Duration.ZERO);
        List<QueueMessage> received = queue().receive(32, Duration.ofSeconds(30));
        assertEquals(1, received.size());
        assertEquals("{\"batch\":1}", received.get(0).body());
        assertEquals(1, received.get(0).dequeueCount());
        assertTrue(queue().receive(32, Duration.ofSeconds(30)).isEmpty(), "hidden while its visibility timeout runs");
        assertEquals("work-items", queue().name());
    }

    @Test
    void aReceivedMessageNotDeletedReappearsAfterItsTimeoutWithDequeueCountTwo() {
        queue().send("job", Duration.ZERO);
        QueueMessage first = queue().receive(1, ONE_SECOND).get(0);
        letTimePass(Duration.ofMillis(2100));
        List<QueueMessage> again = queue().receive(1, Duration.ofSeconds(30));
        assertEquals(1, again.size());
        assertEquals(first.messageId(), again.get(0).messageId());
        assertEquals(2, again.get(0).dequeueCount());
        assertNotEquals(first.popReceipt(), again.get(0).popReceipt());
    }

    @Test
    void deleteWithAStalePopReceiptIsAConcurrentUpdateAndTheCurrentOneWorks() {
        queue().send("job", Duration.ZERO);
        QueueMessage first = queue().receive(1, ONE_SECOND).get(0);
        letTimePass(Duration.ofMillis(2100));
        QueueMessage second = queue().receive(1, Duration.ofSeconds(30)).get(0);
        assertThrows(ConcurrentUpdateException.class, () -> queue().delete(first));
        queue().delete(second);
        assertThrows(ConcurrentUpdateException.class, () -> queue().delete(second), "deleted already");
        assertEquals(0, queue().approximateCount());
    }

    @Test
    void extendingVisibilityKeepsTheMessageHiddenAndOnlyTheNewPopReceiptDeletesIt() {
        queue().send("long job", Duration.ZERO);
        QueueMessage received = queue().receive(1, Duration.ofSeconds(2)).get(0);
        QueueMessage extended = queue().extendVisibility(received, Duration.ofSeconds(30));
        assertEquals(received.messageId(), extended.messageId());
        assertEquals("long job", extended.body());
        assertEquals(1, extended.dequeueCount());
        letTimePass(Duration.ofMillis(2100));
        assertTrue(queue().receive(1, Duration.ofSeconds(30)).isEmpty(), "still hidden past its first timeout");
        assertThrows(ConcurrentUpdateException.class, () -> queue().delete(received), "the old pop receipt stopped working");
        queue().delete(extended);
        assertEquals(0, queue().approximateCount());
    }

    @Test
    void extendingTheVisibilityOfAMessageReceivedAgainIsAConcurrentUpdate() {
        queue().send("job", Duration.ZERO);
        QueueMessage first = queue().receive(1, ONE_SECOND).get(0);
        letTimePass(Duration.ofMillis(2100));
        QueueMessage second = queue().receive(1, Duration.ofSeconds(30)).get(0);
        assertThrows(ConcurrentUpdateException.class, () -> queue().extendVisibility(first, Duration.ofSeconds(30)));
        queue().delete(second);
    }

    @Test
    void anInitialDelayKeepsTheMessageHiddenUntilItPasses() {
        queue().send("later", ONE_SECOND);
        assertTrue(queue().receive(1, Duration.ofSeconds(30)).isEmpty());
        letTimePass(Duration.ofMillis(2100));
        assertEquals("later", queue().receive(1, Duration.ofSeconds(30)).get(0).body());
    }

    @Test
    void bodiesUpTo48KiBOfUtf8RoundTripAndLargerOnesAreRefused() {
        String biggest = "é".repeat(24 * 1024);
        queue().send(biggest, Duration.ZERO);
        assertEquals(biggest, queue().receive(1, Duration.ofSeconds(30)).get(0).body());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> queue().send("x".repeat(48 * 1024 + 1), Duration.ZERO));
        assertTrue(tooBig.getMessage().contains("49153 bytes"), tooBig.getMessage());
        assertEquals(1, queue().approximateCount());
    }

    @Test
    void unicodeAndMarkupBodiesRoundTrip() {
        String body = "{\"name\":\"Zoë 名前 😀 <tag> & 'quote'\",\"ctl\":\"\\u0001\"}";
        queue().send(body, Duration.ZERO);
        assertEquals(body, queue().receive(1, Duration.ofSeconds(30)).get(0).body());
    }

    @Test
    void receiveHandsOutUpTo32DistinctMessages() {
        for (int i = 0; i < 40; i++) queue().send("m" + i, Duration.ZERO);
        List<QueueMessage> batch = queue().receive(32, Duration.ofSeconds(30));
        assertEquals(32, batch.size());
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        assertEquals(32, ids.size());
        assertEquals(40, queue().approximateCount());
        assertEquals(8, queue().receive(32, Duration.ofSeconds(30)).size());
        queue().clear();
        assertEquals(0, queue().approximateCount());
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> stores().queues().queue("Work_Items"));
        assertThrows(IllegalArgumentException.class, () -> stores().queues().queue("a--b"));
        assertThrows(IllegalArgumentException.class, () -> queue().receive(0, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> queue().receive(33, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> queue().receive(1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> queue().send("x", Duration.ofDays(7)));
        assertThrows(IllegalArgumentException.class, () -> queue().send(null, Duration.ZERO));
    }

    @Test
    void queuesOfDifferentNamesAreSeparate() {
        stores().queues().queue("plan").send("p", Duration.ZERO);
        assertTrue(queue().receive(1, Duration.ofSeconds(30)).isEmpty());
        assertEquals("p", stores().queues().queue("plan").receive(1, Duration.ofSeconds(30)).get(0).body());
    }
}
