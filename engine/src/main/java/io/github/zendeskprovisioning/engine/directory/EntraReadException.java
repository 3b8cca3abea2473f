package io.github.zendeskprovisioning.engine.directory;

/**
 * A read from Entra that did not complete: an error, throttling that never recovered, or a response that
 * cannot be trusted. It is never to be read as "nobody is there": nothing is suspended on its strength.
 */
public class EntraReadException extends RuntimeException {
    private final boolean credentialsRejected;

    public EntraReadException(String message, boolean credentialsRejected, Throwable cause) {
        super(message, cause);
        this.credentialsRejected = credentialsRejected;
    }

    public EntraReadException(String message) {
        this(message, false, null);
    }

    /** True when Graph answered 401/403: wrong credentials or missing permissions, not a passing fault. */
    public boolean credentialsRejected() {
        return credentialsRejected;
    }
}
