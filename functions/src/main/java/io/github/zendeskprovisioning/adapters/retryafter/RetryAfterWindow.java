package io.github.zendeskprovisioning.adapters.retryafter;

import java.time.Instant;

/**
 * The instant before which a service asked not to be called (its {@code Retry-After}), kept where every sender
 * that must obey it can see it: one process's threads, one host's processes, or every instance of the app.
 */
public interface RetryAfterWindow {
    /** The earliest instant a request may be sent; {@link Instant#EPOCH} (or any past instant) when there is no window. */
    Instant openAt();

    /** The service asked for no request before {@code until}; a window is only ever lengthened, never shortened. */
    void closeUntil(Instant until);

    /** A window kept in this object only: what every thread of one process shares. */
    static RetryAfterWindow inProcess() {
        return new InProcessWindow();
    }

    /** The latest of several windows; closing one closes them all. */
    static RetryAfterWindow layered(RetryAfterWindow... windows) {
        return new LayeredWindow(java.util.List.of(windows));
    }
}
