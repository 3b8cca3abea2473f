package io.github.zendeskprovisioning.engine.ports;

/** A conditional write lost a race: the row changed (or appeared) since it was read. Re-read and retry. */
public class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
