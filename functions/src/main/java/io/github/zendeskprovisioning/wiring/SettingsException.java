package io.github.zendeskprovisioning.wiring;

/** A setting is missing or wrong; the message names it and never shows a secret value. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
