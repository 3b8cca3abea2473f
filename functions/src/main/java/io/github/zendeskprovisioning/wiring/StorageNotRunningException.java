package io.github.zendeskprovisioning.wiring;

/** The configured local storage emulator is not running; the message says how to start it. */
public class StorageNotRunningException extends SettingsException {
    public StorageNotRunningException(String message) {
        super(message);
    }
}
