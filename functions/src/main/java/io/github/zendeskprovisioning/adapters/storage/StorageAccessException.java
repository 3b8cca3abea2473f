package io.github.zendeskprovisioning.adapters.storage;

/** Storage could not be read or written (unreachable, refused, throttled past the SDK's retries). */
public class StorageAccessException extends RuntimeException {
    public StorageAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
