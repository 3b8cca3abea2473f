package io.github.zendeskprovisioning.simulators.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OData system query options of one request, parsed and checked the way Graph checks them. */
record QueryOptions(List<String> select, Integer top, List<String> idFilter, List<Prefix> prefixFilter, String skipToken,
                    String deltaToken, List<String> expandManager) {
    /** {@code startswith(property,'value')}: Graph compares without regard to case. */
    record Prefix(String property, String value) {
    }

    /** The properties Graph's default (non-advanced) queries take startswith on, for users and groups. */
    private static final Set<String> PREFIX_PROPERTIES = Set.of("displayName", "mail", "userPrincipalName", "givenName", "surname");
    private static final Pattern STARTS_WITH = Pattern.compile("\\s*startswith\\(\\s*(\\w+)\\s*,\\s*'((?:[^']|'')*)'\\s*\\)\\s*");
    private static final Pattern OR = Pattern.compile("\\s*or\\s+", Pattern.CASE_INSENSITIVE);
    /** {@code $expand=manager} or {@code manager($select=a,b)}: the only expansion the simulator answers. */
    private static final Pattern EXPAND_MANAGER = Pattern.compile("^\\s*manager\\s*(\\(\\s*\\$select=([^)]*)\\))?\\s*$");
    private static final Pattern ID_EQ = Pattern.compile("^\\s*id\\s+eq\\s+'([^']*)'\\s*$");
    private static final Pattern ID_IN = Pattern.compile("^\\s*id\\s+in\\s+\\((.*)\\)\\s*$");
    private static final Pattern QUOTED = Pattern.compile("\\s*'([^']*)'\\s*(,|$)");
    private static final Set<String> SUPPORTED = Set.of("$select", "$top", "$filter", "$skiptoken", "$deltatoken",
            "$count", "$orderby", "$expand", "$search", "$skip");

    QueryOptions {
        select = select == null ? null : List.copyOf(select);
        idFilter = idFilter == null ? null : List.copyOf(idFilter);
        prefixFilter = prefixFilter == null ? null : List.copyOf(prefixFilter);
        expandManager = expandManager == null ? null : List.copyOf(expandManager);
    }

    boolean filtered() {
        return idFilter != null || prefixFilter != null;
    }

    /** Refuses {@code $expand} where the simulator does not answer it (it answers it on users and one user only). */
    void noExpand() {
        if (expandManager != null) throw GraphError.badRequest("The simulator does not implement $expand on this resource.");
    }

    static QueryOptions parse(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name.startsWith("$") && !SUPPORTED.contains(name)) {
                    throw GraphError.badRequest("Query option '" + name + "' is not allowed.");
                }
                params.put(name, value);
            }
        }
        for (String unsupported : List.of("$orderby", "$search", "$skip", "$count")) {
            if (params.containsKey(unsupported)) {
                throw GraphError.badRequest("The simulator does not implement " + unsupported + ".");
            }
        }
        String filter = params.get("$filter");
        List<Prefix> prefixes = parsePrefixes(filter);
        return new QueryOptions(parseSelect(params.get("$select")), parseTop(params.get("$top")),
                prefixes == null ? parseFilter(filter) : null, prefixes, params.get("$skiptoken"), params.get("$deltatoken"),
                parseExpand(params.get("$expand")));
    }

    /** Null without $expand; else the manager's selected properties (empty: its default properties). */
    private static List<String> parseExpand(String value) {
        if (value == null) return null;
        Matcher m = EXPAND_MANAGER.matcher(value);
        if (!m.matches()) {
            throw GraphError.badRequest("The simulator implements $expand only for manager, optionally with a nested $select; got '"
                    + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + "'.");
        }
        return m.group(2) == null ? List.of() : parseSelect(m.group(2));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static List<String> parseSelect(String value) {
        if (value == null) return null;
        List<String> names = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) throw GraphError.badRequest("Syntax error: empty property in $select.");
            if (!names.contains(name)) names.add(name);
        }
        return names;
    }

    private static Integer parseTop(String value) {
        if (value == null) return null;
        try {
            int top = Integer.parseInt(value.trim());
            if (top >= 1 && top <= 999) return top;
        } catch (NumberFormatException ignored) {
            // answered below like any other out-of-range value
        }
        throw GraphError.badRequest("Invalid page size specified: '" + value + "'. Must be between 1 and 999 inclusive.");
    }

    /** {@code startswith(p,'v') or startswith(q,'w') ...}, or null when the filter is not of that form. */
    private static List<Prefix> parsePrefixes(String value) {
        if (value == null || !value.trim().toLowerCase(java.util.Locale.ROOT).startsWith("startswith(")) return null;
        List<Prefix> prefixes = new ArrayList<>();
        Matcher m = STARTS_WITH.matcher(value);
        int at = 0;
        // Clause by clause, so an "or" inside a quoted value is part of the value, not a separator.
        while (true) {
            m.region(at, value.length());
            if (!m.lookingAt()) throw GraphError.badRequest("Invalid filter clause at position " + at + ": '" + value.substring(at).trim() + "'.");
            if (!PREFIX_PROPERTIES.contains(m.group(1))) {
                throw GraphError.badRequest("Unsupported or invalid query filter clause specified for property '" + m.group(1) + "'.");
            }
            prefixes.add(new Prefix(m.group(1), m.group(2).replace("''", "'")));
            at = m.end();
            if (at == value.length()) break;
            Matcher or = OR.matcher(value).region(at, value.length());
            if (!or.lookingAt()) throw GraphError.badRequest("Invalid filter clause at position " + at + ": '" + value.substring(at).trim() + "'.");
            at = or.end();
        }
        return prefixes;
    }

    private static List<String> parseFilter(String value) {
        if (value == null) return null;
        Matcher eq = ID_EQ.matcher(value);
        if (eq.matches()) return List.of(eq.group(1));
        Matcher in = ID_IN.matcher(value);
        if (in.matches()) {
            List<String> ids = new ArrayList<>();
            Matcher quoted = QUOTED.matcher(in.group(1));
            int end = 0;
            while (quoted.lookingAt()) {
                ids.add(quoted.group(1));
                end = quoted.end();
                if (end == in.group(1).length()) break;
                quoted.region(end, in.group(1).length());
            }
            if (!ids.isEmpty() && end == in.group(1).length()) {
                if (ids.size() > 15) {
                    throw GraphError.badRequest("Too many child clauses specified in search filter expression "
                            + "containing 'OR' operators: " + ids.size() + ". Max allowed: 15.");
                }
                return ids;
            }
        }
        throw GraphError.badRequest("Unsupported or invalid query filter clause specified for property 'id' of resource 'User'.");
    }

    int pageSize(int defaultSize) {
        return top == null ? defaultSize : top;
    }
}
