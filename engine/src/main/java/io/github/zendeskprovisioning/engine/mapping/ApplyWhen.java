package io.github.zendeskprovisioning.engine.mapping;

/** Entra's "Apply this mapping": always, or only when the object is created. */
public enum ApplyWhen { ALWAYS, ON_CREATE }
