package io.github.zendeskprovisioning.adapters.entra;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every HTTP request sent to Graph (it sits after the retry interceptor, so each retry counts). */
final class RequestCounter implements Interceptor {
    private final AtomicLong count = new AtomicLong();
    /** Per calling thread too: the SDK sends on the caller's thread, so a worker can count its own requests. */
    private final ThreadLocal<long[]> mine = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public Response intercept(Chain chain) throws IOException {
        count.incrementAndGet();
        mine.get()[0]++;
        return chain.proceed(chain.request());
    }

    long count() {
        return count.get();
    }

    long countOnThisThread() {
        return mine.get()[0];
    }
}
