package io.github.zendeskprovisioning.benchmarks;

/** Azurite could not be had for a benchmark (not installed, Node.js missing, or it did not start); the message says which. */
public final class AzuriteUnavailableException extends RuntimeException {
    public AzuriteUnavailableException(String message) {
        super(message);
    }

    public AzuriteUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
