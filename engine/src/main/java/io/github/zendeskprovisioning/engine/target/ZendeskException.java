package io.github.zendeskprovisioning.engine.target;

/**
 * A Zendesk request that failed as a whole (not one item of a bulk job). Its message never carries a
 * credential: it is safe to log and to put in a provisioning log entry.
 */
public class ZendeskException extends RuntimeException {
    private final ZendeskError error;

    public ZendeskException(ZendeskError error, Throwable cause) {
        super(error.description(), cause);
        this.error = error;
    }

    public ZendeskException(ZendeskError error) {
        this(error, null);
    }

    public ZendeskError error() {
        return error;
    }

    /** 401, or 403 on a request the admin must be allowed to make: the credentials, not the data, are wrong. */
    public boolean credentialsRejected() {
        return error.httpStatus() == 401 || "Unauthorized".equals(error.code());
    }
}
