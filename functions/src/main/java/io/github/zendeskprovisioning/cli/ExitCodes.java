package io.github.zendeskprovisioning.cli;

/** The exit codes of CONTRACT.md. */
public final class ExitCodes {
    private ExitCodes() {
    }

    public static final int OK = 0;
    public static final int FAILED = 1;
    /** Configuration or credentials wrong; nothing was written to Zendesk. */
    public static final int CONFIGURATION = 2;
    /** The cycle was held: quarantine, or deletions over the threshold. */
    public static final int HELD = 3;
}
