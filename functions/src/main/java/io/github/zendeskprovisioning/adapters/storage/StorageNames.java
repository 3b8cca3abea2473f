package io.github.zendeskprovisioning.adapters.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Physical table and queue names: a prefix (letters and digits, so that it is valid in both kinds of name)
 * in front of the logical name. Tests use a unique prefix to keep to their own tables and queues.
 */
final class StorageNames {
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,29})?");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
    private static final Pattern QUEUE = Pattern.compile("(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*");

    private final String prefix;

    StorageNames(String prefix) {
        String p = prefix == null ? "" : prefix;
        if (!PREFIX.matcher(p).matches()) {
            throw new IllegalArgumentException("storage name prefix '" + p + "' is not valid: use up to 30 letters"
                    + " and digits, starting with a letter");
        }
        this.prefix = p;
    }

    String table(String logicalName) {
        String name = prefix + logicalName;
        if (!TABLE.matcher(name).matches()) throw new IllegalArgumentException("not a valid table name: " + name);
        return name;
    }

    String queue(String logicalName) {
        if (logicalName == null || !QUEUE.matcher(logicalName).matches()) {
            throw new IllegalArgumentException("queue name '" + logicalName + "' is not valid: use 3 to 63 lower-case"
                    + " letters, digits and single hyphens, starting and ending with a letter or digit");
        }
        String name = prefix.isEmpty() ? logicalName : prefix.toLowerCase(Locale.ROOT) + "-" + logicalName;
        if (name.length() > 63) {
            throw new IllegalArgumentException("queue name '" + name + "' is longer than 63 characters with its prefix");
        }
        return name;
    }
}
