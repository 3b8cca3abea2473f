package io.github.zendeskprovisioning.simulators.zendesk;

import java.time.Instant;

/**
 * One request the simulator received.
 *
 * @param status the status answered, or 0 when the connection was dropped without an answer
 */
public record LoggedRequest(String method, String pathAndQuery, Instant time, int status, boolean authorizationPresent) {

    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
