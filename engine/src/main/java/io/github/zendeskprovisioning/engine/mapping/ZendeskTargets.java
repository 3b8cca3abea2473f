package io.github.zendeskprovisioning.engine.mapping;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Zendesk attributes a mapping may write. Users: plain attributes, {@code user_fields.<key>} (custom user
 * fields), and {@code organization} and {@code tags}, which Zendesk keeps as a link and a set rather than as
 * plain values. Groups: {@code name} and {@code description}.
 */
public final class ZendeskTargets {
    public static final List<String> USER_ATTRIBUTES = List.of("name", "email", "phone", "alias", "details", "notes", "locale", "time_zone");
    public static final String ORGANIZATION = "organization";
    public static final String TAGS = "tags";
    public static final List<String> GROUP_ATTRIBUTES = List.of("name", "description");
    private static final Pattern USER_FIELD = Pattern.compile("user_fields\\.[A-Za-z0-9_]+");

    private ZendeskTargets() {
    }

    public static boolean isUserTarget(String target) {
        return USER_ATTRIBUTES.contains(target) || isLinked(target) || USER_FIELD.matcher(target).matches();
    }

    public static boolean isGroupTarget(String target) {
        return GROUP_ATTRIBUTES.contains(target);
    }

    /** Organization and tags: written through their own calls, not as user attributes. */
    public static boolean isLinked(String target) {
        return ORGANIZATION.equals(target) || TAGS.equals(target);
    }

    static String userTargetHelp() {
        return String.join(", ", USER_ATTRIBUTES) + ", organization, tags or user_fields.<key>";
    }
}
