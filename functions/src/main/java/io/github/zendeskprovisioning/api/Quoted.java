package io.github.zendeskprovisioning.api;

/**
 * A value as an error message quotes it: in double quotes, control characters shown as {@code ?}, and cut
 * to {@value #MAX_CHARS} characters with an ellipsis, so a 2 MB parameter still gives a one-line message.
 */
public final class Quoted {
    public static final int MAX_CHARS = 60;

    private Quoted() {
    }

    public static String value(String value) {
        if (value == null) return "(none)";
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 3).append('"');
        int end = value.codePointCount(0, value.length()) > MAX_CHARS ? value.offsetByCodePoints(0, MAX_CHARS) : value.length();
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (end < value.length()) out.append('…');
        return out.append('"').toString();
    }
}
