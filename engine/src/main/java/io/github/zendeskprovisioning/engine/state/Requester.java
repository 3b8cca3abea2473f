package io.github.zendeskprovisioning.engine.state;

/**
 * Who asked for an operator action and from where, as the provisioning log names them: a signed-in principal
 * ("alice@contoso.com", via "App Service Authentication"), or the credential used ("function key", "serve key"),
 * the command line (with the OS user) or the timer. Only names: never a key or token.
 */
public record Requester(String who, String via) {
    private static final int MAX_CHARS = 200;

    public Requester {
        who = clean(who);
        if (who == null) throw new IllegalArgumentException("a requester needs a name");
        via = clean(via);
    }

    public static Requester timer() {
        return new Requester("timer", null);
    }

    public static Requester functionKey() {
        return new Requester("function key", null);
    }

    public static Requester serveKey() {
        return new Requester("serve key", "local");
    }

    public static Requester commandLine(String osUser) {
        return new Requester("command line", osUser == null || osUser.isBlank() ? "unknown user" : osUser);
    }

    public static Requester principal(String name) {
        return new Requester(name, "App Service Authentication");
    }

    /** As the log shows it: {@code who (via)}. */
    public String text() {
        return via == null ? who : who + " (" + via + ")";
    }

    /** A header value is outside input: no control characters, a readable length. */
    private static String clean(String s) {
        if (s == null) return null;
        String t = s.replaceAll("\\p{Cntrl}", " ").strip();
        if (t.isEmpty()) return null;
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS - 1) + "…";
    }
}
