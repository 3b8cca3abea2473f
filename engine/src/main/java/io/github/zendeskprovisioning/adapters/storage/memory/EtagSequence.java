package io.github.zendeskprovisioning.adapters.storage.memory;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out versions for stored rows: every write gets a new, never reused etag, as Table Storage does. */
final class EtagSequence {
    private final AtomicLong next = new AtomicLong();

    String next() {
        return "W/\"mem-" + next.incrementAndGet() + "\"";
    }
}
