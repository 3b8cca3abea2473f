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

    static int status(Throwable e) {
        return e instanceof HttpResponseException h && h.getResponse() != null ? h.getResponse().getStatusCode() : -1;
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
        return new StorageAccessException(what + " failed: storage unreachable or the request broke ("
                + e.getClass().getSimpleName() + ")", e);
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
