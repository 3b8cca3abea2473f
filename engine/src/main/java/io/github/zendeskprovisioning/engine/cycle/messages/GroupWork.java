package io.github.zendeskprovisioning.engine.cycle.messages;

import io.github.zendeskprovisioning.engine.directory.Removal;

/** One group to evaluate; {@code fetch}: read it from Entra first. */
public record GroupWork(String id, String displayName, String description, Removal removal, boolean fetch) {
    public GroupWork {
        removal = removal == null ? Removal.NONE : removal;
    }

    public static GroupWork byId(String id) {
        return new GroupWork(id, null, null, Removal.NONE, true);
    }
}
