package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.zendeskprovisioning.simulators.JsonText;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * The users of the simulated account and Zendesk's rules for them: unique e-mail (any identity,
 * case-insensitive), unique external id (case-insensitive), a name, a known role, custom roles for agents
 * only, soft delete. Not thread-safe: {@link ZendeskTenant} serialises access.
 */
final class UserDirectory {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> ROLES = Set.of("end-user", "agent", "admin");
    private static final Set<String> STRINGS = Set.of("name", "alias", "details", "notes", "locale", "time_zone",
            "phone", "signature", "ticket_restriction", "external_id", "role");
    /** Attributes the spec declares as non-nullable strings: Zendesk answers "" (or a default) for them. */
    private static final Map<String, String> BLANK_DEFAULTS = Map.of("alias", "", "details", "", "notes", "",
            "signature", "", "locale", "en-US", "time_zone", "UTC");
    private static final Set<String> LONGS = Set.of("custom_role_id", "default_group_id", "organization_id", "locale_id");
    private static final Set<String> BOOLEANS = Set.of("suspended", "verified", "moderator", "only_private_comments",
            "shared_phone_number");

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Clock clock;
    private final LongPredicate customRoleExists;
    private final LongPredicate organizationExists;
    /**
     * Each user as its JSON text (UTF-8): a tenant of 100,000 users held as trees of nodes took several times the
     * heap, and every read hands out a fresh tree anyway. Serialising keeps the fields' order and values exactly.
     */
    private final TreeMap<Long, byte[]> users = new TreeMap<>();
    /** Secondary e-mail identities (Zendesk adds one when an update carries a new email). */
    private final Map<Long, List<String>> secondaryEmails = new LinkedHashMap<>();
    /** Every e-mail identity (as stored: lower case) of every active user; Zendesk keeps them unique among those. */
    private final Map<String, Long> activeEmails = new HashMap<>();
    /** External ids of active users, by {@link #externalIdKey}; unique among active users, as Zendesk keeps them. */
    private final Map<String, Long> activeExternalIds = new HashMap<>();
    /** External ids of soft-deleted users, which may repeat (each holder's id, ascending). */
    private final Map<String, List<Long>> deletedExternalIds = new HashMap<>();
    private long nextId = 10_001;

    UserDirectory(Clock clock, LongPredicate customRoleExists, LongPredicate organizationExists) {
        this.clock = clock;
        this.customRoleExists = customRoleExists;
        this.organizationExists = organizationExists;
    }

    ObjectNode create(JsonNode input) {
        if (!input.isObject()) {
            throw ApiError.badRequest("InvalidValue", "user must be an object");
        }
        String name = input.path("name").asText("").trim();
        if (name.isEmpty()) {
            throw ApiError.recordInvalid("name", "Name: is too short (minimum one character)", "BlankValue");
        }
        String email = textOrNull(input.get("email"));
        if (email != null) {
            checkEmail(email, null);
        }
        checkExternalId(textOrNull(input.get("external_id")), null);
        ObjectNode user = json.objectNode();
        long id = nextId;
        user.put("id", id);
        user.put("name", name);
        user.put("email", email == null ? null : email.toLowerCase(Locale.ROOT));
        String now = now();
        user.put("created_at", now);
        user.put("updated_at", now);
        user.put("time_zone", "UTC");
        user.put("iana_time_zone", "Etc/UTC");
        user.putNull("phone");
        user.put("shared_phone_number", false);
        user.putNull("photo");
        user.put("locale_id", 1L);
        user.put("locale", "en-US");
        user.putNull("organization_id");
        user.put("role", "end-user");
        user.put("verified", input.path("verified").asBoolean(false) || input.path("skip_verify_email").asBoolean(false));
        user.putNull("external_id");
        user.putArray("tags");
        user.put("alias", "");
        user.put("active", true);
        user.put("shared", false);
        user.put("shared_agent", false);
        user.putNull("two_factor_auth_enabled");
        user.put("signature", "");
        user.put("details", "");
        user.put("notes", "");
        user.putNull("role_type");
        user.putNull("custom_role_id");
        user.put("moderator", false);
        user.put("ticket_restriction", "requested");
        user.put("only_private_comments", false);
        user.put("restricted_agent", true);
        user.put("suspended", false);
        user.put("report_csv", false);
        user.putObject("user_fields");
        ObjectNode attributes = ((ObjectNode) input).deepCopy();
        attributes.remove("email");
        apply(user, attributes);
        nextId++;
        store(id, user);
        indexActive(id, user);
        return user;
    }

    ObjectNode update(long id, JsonNode input) {
        ObjectNode user = activeUser(id);
        if (!input.isObject()) {
            throw ApiError.badRequest("InvalidValue", "user must be an object");
        }
        ObjectNode attributes = ((ObjectNode) input).deepCopy();
        attributes.remove("id");
        String email = textOrNull(attributes.remove("email"));
        if (attributes.has("name") && attributes.path("name").asText("").isBlank()) {
            throw ApiError.recordInvalid("name", "Name: is too short (minimum one character)", "BlankValue");
        }
        if (attributes.has("external_id")) {
            checkExternalId(textOrNull(attributes.get("external_id")), id);
        }
        boolean addsEmail = email != null && !emailsOf(id).contains(email.toLowerCase(Locale.ROOT));
        if (addsEmail) {
            checkEmail(email, id);
        }
        ObjectNode candidate = user.deepCopy();
        apply(candidate, attributes);
        // Zendesk's rule: email is writable on create only; an update adds a secondary identity.
        if (addsEmail) {
            if (candidate.path("email").isNull()) {
                candidate.put("email", email.toLowerCase(Locale.ROOT));
            } else {
                secondaryEmails.computeIfAbsent(id, k -> new ArrayList<>()).add(email.toLowerCase(Locale.ROOT));
            }
        }
        candidate.put("updated_at", now());
        unindexActive(id, user);
        store(id, candidate);
        indexActive(id, candidate);
        return candidate;
    }

    ObjectNode softDelete(long id) {
        ObjectNode user = activeUser(id);
        unindexActive(id, user);
        user.put("active", false);
        user.put("updated_at", now());
        store(id, user);
        String externalId = textOrNull(user.get("external_id"));
        if (externalId != null) {
            List<Long> holders = deletedExternalIds.computeIfAbsent(externalIdKey(externalId), k -> new ArrayList<>(1));
            int at = Collections.binarySearch(holders, id);
            holders.add(at < 0 ? -at - 1 : at, id);
        }
        return user;
    }

    /** A fresh copy of the user: callers may change it. */
    Optional<ObjectNode> get(long id) {
        return Optional.ofNullable(users.get(id)).map(UserDirectory::parse);
    }

    /** An active user, as a fresh copy (a soft-deleted one answers 404 to writes, as Zendesk does). */
    ObjectNode activeUser(long id) {
        byte[] stored = users.get(id);
        ObjectNode user = stored == null ? null : parse(stored);
        if (user == null || !user.path("active").asBoolean()) {
            throw ApiError.notFound();
        }
        return user;
    }

    List<ObjectNode> all(boolean includeDeleted) {
        List<ObjectNode> out = new ArrayList<>();
        for (byte[] stored : users.values()) {
            ObjectNode u = parse(stored);
            if (includeDeleted || u.path("active").asBoolean()) {
                out.add(u);
            }
        }
        return out;
    }

    /**
     * The user with this external id (compared case-insensitively); with {@code includeDeleted}, the one with the
     * lowest id among the active holder and soft-deleted ones, as a scan in id order finds it.
     */
    Optional<ObjectNode> byExternalId(String externalId, boolean includeDeleted) {
        if (externalId == null) {
            return Optional.empty();
        }
        String key = externalIdKey(externalId);
        Long holder = activeExternalIds.get(key);
        if (includeDeleted) {
            List<Long> deleted = deletedExternalIds.getOrDefault(key, List.of());
            if (!deleted.isEmpty() && (holder == null || deleted.get(0) < holder)) {
                holder = deleted.get(0);
            }
        }
        return holder == null ? Optional.empty() : get(holder);
    }

    /** The active user holding this e-mail as any identity. */
    Optional<ObjectNode> byEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        Long holder = activeEmails.get(email.toLowerCase(Locale.ROOT));
        return holder == null ? Optional.empty() : get(holder);
    }

    /**
     * Search: {@code email:x} is exact on any identity, and several {@code email:} terms find the users holding
     * any of them (a repeated keyword's values are alternatives); other text matches part of a name or e-mail.
     */
    List<ObjectNode> search(String query) {
        String q = query.trim();
        List<ObjectNode> out = new ArrayList<>();
        String[] terms = q.split("\\s+");
        if (terms.length > 1 && java.util.Arrays.stream(terms).allMatch(t -> t.regionMatches(true, 0, "email:", 0, 6))) {
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (String term : terms) {
                byEmail(unquote(term.substring(6))).filter(u -> seen.add(u.path("id").asLong())).ifPresent(out::add);
            }
            return out;
        }
        if (q.regionMatches(true, 0, "email:", 0, 6)) {
            byEmail(unquote(q.substring(6))).ifPresent(out::add);
            return out;
        }
        if (q.regionMatches(true, 0, "external_id:", 0, 12)) {
            byExternalId(unquote(q.substring(12)), false).ifPresent(out::add);
            return out;
        }
        String needle = unquote(q).toLowerCase(Locale.ROOT);
        for (byte[] stored : users.values()) {
            ObjectNode u = parse(stored);
            if (!u.path("active").asBoolean()) {
                continue;
            }
            boolean hit = u.path("name").asText().toLowerCase(Locale.ROOT).contains(needle)
                    || emailsOf(u).stream().anyMatch(e -> e.contains(needle));
            if (hit) {
                out.add(u);
            }
        }
        return out;
    }

    List<String> emailsOf(long id) {
        byte[] stored = users.get(id);
        return stored == null ? new ArrayList<>(secondaryEmails.getOrDefault(id, List.of())) : emailsOf(parse(stored));
    }

    private List<String> emailsOf(ObjectNode user) {
        List<String> emails = new ArrayList<>();
        if (user.hasNonNull("email")) {
            emails.add(user.get("email").asText());
        }
        emails.addAll(secondaryEmails.getOrDefault(user.path("id").asLong(), List.of()));
        return emails;
    }

    void clear() {
        users.clear();
        secondaryEmails.clear();
        activeEmails.clear();
        activeExternalIds.clear();
        deletedExternalIds.clear();
        nextId = 10_001;
    }

    /** The active user that already holds this e-mail, other than {@code self}. */
    Optional<Long> emailHolder(String email, Long self) {
        return email == null ? Optional.empty()
                : Optional.ofNullable(activeEmails.get(email.toLowerCase(Locale.ROOT))).filter(id -> !id.equals(self));
    }

    Optional<Long> externalIdHolder(String externalId, Long self) {
        return externalId == null ? Optional.empty()
                : Optional.ofNullable(activeExternalIds.get(externalIdKey(externalId))).filter(id -> !id.equals(self));
    }

    /** Adds an active user's identities and external id to the indexes. */
    private void indexActive(long id, ObjectNode user) {
        emailsOf(user).forEach(e -> activeEmails.put(e, id));
        String externalId = textOrNull(user.get("external_id"));
        if (externalId != null) {
            activeExternalIds.put(externalIdKey(externalId), id);
        }
    }

    /** Removes what {@link #indexActive} added for this user as it was stored. */
    private void unindexActive(long id, ObjectNode user) {
        emailsOf(user).forEach(e -> activeEmails.remove(e, id));
        String externalId = textOrNull(user.get("external_id"));
        if (externalId != null) {
            activeExternalIds.remove(externalIdKey(externalId), id);
        }
    }

    /**
     * One key for all the strings {@link String#equalsIgnoreCase} holds equal to this one: each code point upper-cased
     * then lower-cased, which is how that method compares two code points.
     */
    static String externalIdKey(String externalId) {
        StringBuilder key = new StringBuilder(externalId.length());
        externalId.codePoints().forEach(c -> key.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return key.toString();
    }

    private void store(long id, ObjectNode user) {
        users.put(id, JsonText.of(user, "a user"));
    }

    private static ObjectNode parse(byte[] stored) {
        return (ObjectNode) JsonText.tree(stored, "a stored user");
    }

    private void checkEmail(String email, Long self) {
        if (!EMAIL.matcher(email).matches()) {
            throw ApiError.recordInvalid("email", "Email: " + email + " is not properly formatted", "InvalidFormat");
        }
        if (emailHolder(email, self).isPresent()) {
            throw ApiError.recordInvalid("email", "Email: " + email + " is already being used by another user",
                    "DuplicateValue");
        }
    }

    private void checkExternalId(String externalId, Long self) {
        if (externalId != null && externalIdHolder(externalId, self).isPresent()) {
            throw ApiError.recordInvalid("external_id", "External ID: " + externalId + " has already been taken",
                    "DuplicateValue");
        }
    }

    /** Writes the known attributes of {@code input} onto {@code user}; unknown ones are ignored, as Zendesk does. */
    private void apply(ObjectNode user, ObjectNode input) {
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (STRINGS.contains(key)) {
                if (!value.isNull() && !value.isTextual()) {
                    throw invalid(key);
                }
                if (value.isNull() && BLANK_DEFAULTS.containsKey(key)) {
                    user.put(key, BLANK_DEFAULTS.get(key));
                } else {
                    user.set(key, value);
                }
            } else if (LONGS.contains(key)) {
                if (!value.isNull() && !value.canConvertToLong()) {
                    throw invalid(key);
                }
                if (key.equals("organization_id") && !value.isNull() && !organizationExists.test(value.asLong())) {
                    throw ApiError.recordInvalid(key, "Organization: " + value.asLong() + " does not exist", "InvalidValue");
                }
                user.set(key, value.isNull() ? json.nullNode() : json.numberNode(value.asLong()));
            } else if (BOOLEANS.contains(key)) {
                if (!value.isBoolean()) {
                    throw invalid(key);
                }
                user.set(key, value);
            } else if (key.equals("tags")) {
                user.set(key, tags(value));
            } else if (key.equals("user_fields")) {
                if (!value.isNull() && !value.isObject()) {
                    throw invalid(key);
                }
                ObjectNode fields = user.withObjectProperty("user_fields");
                value.fields().forEachRemaining(f -> fields.set(f.getKey(), f.getValue()));
            }
        }
        if (user.path("default_group_id").isNull()) {
            user.remove("default_group_id");
        }
        normaliseRole(user, input);
    }

    private void normaliseRole(ObjectNode user, ObjectNode input) {
        String role = user.path("role").asText("end-user");
        if (!ROLES.contains(role)) {
            throw ApiError.recordInvalid("role", "Role: " + role + " is not a valid role", "InvalidValue");
        }
        boolean roleGiven = input.has("role");
        JsonNode customRole = user.get("custom_role_id");
        boolean hasCustomRole = customRole != null && !customRole.isNull();
        if (hasCustomRole && input.has("custom_role_id") && !customRoleExists.test(customRole.asLong())) {
            throw ApiError.recordInvalid("custom_role_id", "Custom role: " + customRole.asLong() + " does not exist",
                    "InvalidValue");
        }
        if (hasCustomRole && !role.equals("agent")) {
            if (input.has("custom_role_id") && !customRole.isNull() && !roleGiven) {
                throw ApiError.recordInvalid("custom_role_id", "Custom role: can only be set for agents", "InvalidValue");
            }
            // A new role other than agent drops the custom role, as in Zendesk.
            user.putNull("custom_role_id");
            hasCustomRole = false;
        }
        switch (role) {
            case "admin" -> user.put("role_type", 4);
            case "agent" -> {
                if (hasCustomRole) {
                    user.put("role_type", 0);
                } else {
                    user.putNull("role_type");
                }
            }
            default -> user.putNull("role_type");
        }
        user.put("restricted_agent", !role.equals("admin"));
    }

    /** A set: each distinct tag once, in the order given; Zendesk splits tags at white space. */
    private com.fasterxml.jackson.databind.node.ArrayNode tags(JsonNode value) {
        if (!value.isNull() && !value.isArray()) {
            throw invalid("tags");
        }
        java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>();
        value.forEach(t -> {
            for (String word : t.asText("").trim().split("\\s+")) {
                if (!word.isEmpty()) tags.add(word);
            }
        });
        com.fasterxml.jackson.databind.node.ArrayNode out = json.arrayNode();
        tags.forEach(out::add);
        return out;
    }

    private static ApiError invalid(String key) {
        return ApiError.recordInvalid(key, key + ": is invalid", "InvalidValue");
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
