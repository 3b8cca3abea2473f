package io.github.zendeskprovisioning.adapters.zendesk;

import okhttp3.Request;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestCounterTest {
    private static String endpoint(String method, String url) {
        return RequestCounter.endpoint(new Request.Builder().url(url).method(method,
                method.equals("GET") || method.equals("DELETE") ? null : okhttp3.RequestBody.create(new byte[0])).build());
    }

    @Test
    void idsAndJobIdsBecomePlaceholdersAndQueriesAreDropped() {
        assertEquals("GET /api/v2/users/{id}", endpoint("GET", "https://x.zendesk.com/api/v2/users/12345.json"));
        assertEquals("GET /api/v2/job_statuses/{id}",
                endpoint("GET", "https://x.zendesk.com/api/v2/job_statuses/8b726e606741012ffc2d782bcb7848fe"));
        assertEquals("GET /api/v2/users/show_many", endpoint("GET", "https://x.zendesk.com/api/v2/users/show_many?ids=1,2"));
        assertEquals("GET /api/v2/groups/{id}/memberships", endpoint("GET", "https://x.zendesk.com/api/v2/groups/7/memberships"));
        assertEquals("PUT /api/v2/users/update_many", endpoint("PUT", "https://x.zendesk.com/api/v2/users/update_many"));
    }
}
