package io.github.zendeskprovisioning.adapters.entra;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every HTTP request sent to Graph (it sits after the retry interceptor, so each retry counts). */
final class RequestCounter implements Interceptor {
    private final AtomicLong count = new AtomicLong();

    @Override
    public Response intercept(Chain chain) throws IOException {
        count.incrementAndGet();
        return chain.proceed(chain.request());
    }

    long count() {
        return count.get();
    }
}
