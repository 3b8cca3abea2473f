package io.github.zendeskprovisioning.engine.directory;

import java.util.List;

/**
 * One page of a read. {@code nextPageToken} continues the same read (Graph's absolute
 * {@code @odata.nextLink}); on the last page of a delta round it is null and {@code deltaToken} holds
 * the {@code @odata.deltaLink} to read the next changes from. Tokens are opaque to the engine.
 */
public record Page<T>(List<T> items, String nextPageToken, String deltaToken) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean last() {
        return nextPageToken == null;
    }
}
