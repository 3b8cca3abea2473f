package io.github.zendeskprovisioning.engine.state;

import java.util.List;

/**
 * One bounded read of a kind's links in key order: the active ones among the rows read, and where the next
 * read starts ({@code continuation}, opaque to the caller), or null when the rows read were the last.
 */
public record LinkPage(List<Link> active, String continuation) {
    public LinkPage {
        active = List.copyOf(active);
    }
}
