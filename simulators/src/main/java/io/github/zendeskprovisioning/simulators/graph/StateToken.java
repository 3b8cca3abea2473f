package io.github.zendeskprovisioning.simulators.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The state carried by a {@code $skiptoken} or {@code $deltatoken}: which collection, the change-log window
 * ({@code since} exclusive, -1 for a full round; {@code ceiling} inclusive), the last id already returned,
 * and the {@code $select} of the round (Graph remembers the initial query options in its tokens). Encoded as
 * opaque base64url so clients cannot build or edit one.
 */
record StateToken(String collection, long since, long ceiling, String afterId, List<String> select) {
    private static final String SEPARATOR = "|";

    StateToken {
        select = List.copyOf(select);
        afterId = afterId == null ? "" : afterId;
    }

    String encode() {
        String plain = String.join(SEPARATOR, collection, Long.toString(since), Long.toString(ceiling), afterId,
                String.join(",", select));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static StateToken decode(String token, String expectedCollection) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 5 || !parts[0].equals(expectedCollection)) throw badToken();
            List<String> select = parts[4].isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(parts[4].split(",")));
            return new StateToken(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3], select);
        } catch (IllegalArgumentException e) {
            throw badToken();
        }
    }

    boolean fullRound() {
        return since < 0;
    }

    StateToken after(String lastId) {
        return new StateToken(collection, since, ceiling, lastId, select);
    }

    private static GraphError badToken() {
        return GraphError.badRequest("Badly formed token.");
    }
}
