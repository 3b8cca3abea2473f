package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zendesk's two pagination styles over a list ordered by id. Cursor: {@code page[size]},
 * {@code page[after]}, {@code page[before]}, answered with {@code meta {has_more, after_cursor,
 * before_cursor}} and {@code links {next, prev}}. Offset: {@code page}, {@code per_page}, answered with
 * {@code next_page}, {@code previous_page}, {@code count}. At most 100 records a page.
 */
final class Paging {
    static final int MAX_PAGE = 100;

    private Paging() {
    }

    /** Cursor pagination when a {@code page[...]} parameter is present, offset pagination otherwise. */
    static ObjectNode page(List<ObjectNode> items, String key, Query query, String url) {
        return query.cursorRequested() ? cursor(items, key, query, url) : offset(items, key, query, url, Integer.MAX_VALUE);
    }

    static ObjectNode cursor(List<ObjectNode> items, String key, Query query, String url) {
        int size = query.integer("page[size]", MAX_PAGE);
        if (size < 1 || size > MAX_PAGE) {
            throw ApiError.badRequest("InvalidPaginationParameter",
                    "page[size] must be between 1 and " + MAX_PAGE);
        }
        String after = query.get("page[after]");
        String before = query.get("page[before]");
        int from;
        int to;
        boolean hasMore;
        if (before != null && !before.isEmpty()) {
            long bound = decode(before);
            int end = 0;
            while (end < items.size() && items.get(end).path("id").asLong() < bound) {
                end++;
            }
            from = Math.max(0, end - size);
            to = end;
            hasMore = from > 0;
        } else {
            long bound = after == null || after.isEmpty() ? Long.MIN_VALUE : decode(after);
            int start = 0;
            while (start < items.size() && items.get(start).path("id").asLong() <= bound) {
                start++;
            }
            from = start;
            to = Math.min(items.size(), start + size);
            hasMore = to < items.size();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray(key);
        items.subList(from, to).forEach(array::add);
        ObjectNode meta = body.putObject("meta");
        meta.put("has_more", hasMore);
        String afterCursor = to > from ? encode(items.get(to - 1).path("id").asLong()) : null;
        String beforeCursor = to > from ? encode(items.get(from).path("id").asLong()) : null;
        meta.put("after_cursor", afterCursor);
        meta.put("before_cursor", beforeCursor);
        ObjectNode links = body.putObject("links");
        boolean forward = before == null || before.isEmpty();
        links.put("next", afterCursor != null && (!forward || hasMore) ? link(url, query, "page[after]", afterCursor, size) : null);
        links.put("prev", beforeCursor != null && (forward ? from > 0 : hasMore) ? link(url, query, "page[before]", beforeCursor, size) : null);
        return body;
    }

    /** Offset pagination; {@code limit} caps how far a caller may page (search stops at 10,000). */
    static ObjectNode offset(List<ObjectNode> items, String key, Query query, String url, int limit) {
        int page = query.integer("page", 1);
        int perPage = Math.min(MAX_PAGE, query.integer("per_page", MAX_PAGE));
        if (page < 1 || perPage < 1) {
            throw ApiError.badRequest("InvalidPaginationParameter", "page and per_page must be positive");
        }
        long first = (long) (page - 1) * perPage;
        if (first >= limit) {
            throw ApiError.badRequest("InvalidPaginationParameter",
                    "at most " + limit + " records can be read from one query");
        }
        int reachable = Math.min(items.size(), limit);
        int from = (int) Math.min(first, reachable);
        int to = Math.min(reachable, from + perPage);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray(key);
        items.subList(from, to).forEach(array::add);
        body.put("next_page", to < reachable ? offsetLink(url, query, page + 1, perPage) : null);
        body.put("previous_page", page > 1 ? offsetLink(url, query, page - 1, perPage) : null);
        body.put("count", items.size());
        return body;
    }

    private static String link(String url, Query query, String cursorKey, String cursor, int size) {
        Map<String, String> params = new LinkedHashMap<>(query.values());
        params.remove("page[after]");
        params.remove("page[before]");
        params.put("page[size]", Integer.toString(size));
        params.put(cursorKey, cursor);
        return url + "?" + join(params);
    }

    private static String offsetLink(String url, Query query, int page, int perPage) {
        Map<String, String> params = new LinkedHashMap<>(query.values());
        params.put("page", Integer.toString(page));
        params.put("per_page", Integer.toString(perPage));
        return url + "?" + join(params);
    }

    private static String join(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("id:")) {
                throw new IllegalArgumentException(raw);
            }
            return Long.parseLong(raw.substring(3));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("InvalidPaginationParameter", "the cursor is not one this API issued");
        }
    }
}
