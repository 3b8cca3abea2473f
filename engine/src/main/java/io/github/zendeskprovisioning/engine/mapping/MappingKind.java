package io.github.zendeskprovisioning.engine.mapping;

/** Entra's mapping types: a direct attribute (with our fallbacks), a constant, or an expression. */
public enum MappingKind { DIRECT, CONSTANT, EXPRESSION }
