package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.exception.HttpResponseException;
import com.azure.data.tables.models.TableServiceException;
import com.azure.storage.queue.models.QueueStorageException;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;

import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Turns SDK failures into the ports' exceptions. Messages name the operation, the HTTP status and the
 * service's error code only: never a URL (a SAS would be in it), a header or a credential.
 */
final class StorageFailures {
    private StorageFailures() {
    }

    /** Runs a storage call; a lost optimistic-concurrency race (409, 412) becomes {@link ConcurrentUpdateException}. */
    static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw map(what, e);
        }
    }

    static void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /** The HTTP status of a failure; for a failed transaction (which carries no response) the one its error code means. */
    static int status(Throwable e) {
        if (e instanceof HttpResponseException h && h.getResponse() != null) return h.getResponse().getStatusCode();
        return switch (errorCode(e)) {
            case "EntityAlreadyExists", "TableAlreadyExists" -> 409;
            case "UpdateConditionNotSatisfied" -> 412;
            case "ResourceNotFound", "EntityNotFound", "TableNotFound" -> 404;
            default -> -1;
        };
    }

    /**
     * The etag of a write's response. Azurite drops the closing quote of weak etags in the header (the
     * entity's own etag is whole); the etag must match what later reads return, so restore it.
     */
    static String etagHeader(com.azure.core.http.HttpHeaders headers) {
        String etag = headers.getValue(com.azure.core.http.HttpHeaderName.ETAG);
        if (etag != null && etag.startsWith("W/\"") && !etag.endsWith("\"")) return etag + "\"";
        return etag;
    }

    static RuntimeException map(String what, RuntimeException e) {
        if (e instanceof ConcurrentUpdateException || e instanceof IllegalArgumentException
                || e instanceof NoSuchElementException || e instanceof StorageAccessException) {
            return e;
        }
        int status = status(e);
        if (status == 409 || status == 412) {
            return new ConcurrentUpdateException(what + ": the row changed or exists already (HTTP " + status + " "
                    + errorCode(e) + ")", e);
        }
        if (status > 0) {
            return new StorageAccessException(what + " failed: HTTP " + status + " " + errorCode(e), e);
        }
        String code = errorCode(e);
        return new StorageAccessException(what + " failed: " + (code.isEmpty()
                ? "storage unreachable or the request broke (" + e.getClass().getSimpleName() + ")" : code), e);
    }

    static String errorCode(Throwable e) {
        if (e instanceof TableServiceException t && t.getValue() != null && t.getValue().getErrorCode() != null) {
            return t.getValue().getErrorCode().toString();
        }
        if (e instanceof QueueStorageException q && q.getErrorCode() != null) {
            return q.getErrorCode().toString();
        }
        return "";
    }
}
