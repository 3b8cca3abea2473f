package io.github.zendeskprovisioning.engine.state;

/** One step of an object's way through a cycle: import, scoping, matching, action. */
public record LogStep(String name, String outcome, String detail) {
}
