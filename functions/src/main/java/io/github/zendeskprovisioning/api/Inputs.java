package io.github.zendeskprovisioning.api;

import java.util.regex.Pattern;

/**
 * Checks and messages for the inputs the HTTP endpoints and the command line share. A message names the
 * parameter and quotes the value (cut by {@link Quoted}), e.g. {@code objectId "x" is not an Entra object id (a GUID)}.
 */
public final class Inputs {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Inputs() {
    }

    /** Entra user and group object ids are GUIDs; anything else cannot name one. */
    public static boolean isObjectId(String value) {
        return value != null && GUID.matcher(value).matches();
    }

    public static String notObjectId(String parameter, String value) {
        return invalid(parameter, value, "is not an Entra object id (a GUID)");
    }

    /** {@code parameter "value" problem}. */
    public static String invalid(String parameter, String value, String problem) {
        return parameter + " " + Quoted.value(value) + " " + problem;
    }
}
