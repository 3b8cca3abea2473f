package io.github.zendeskprovisioning.engine.state;

import java.util.List;

/**
 * One bounded read of a group's stored members in key order, and where the next read starts
 * ({@code continuation}, opaque to the caller), or null when the rows read were the last.
 */
public record MemberPage(List<String> userIds, String continuation) {
    public MemberPage {
        userIds = List.copyOf(userIds);
    }
}
