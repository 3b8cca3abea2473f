package io.github.zendeskprovisioning.engine.state;

public enum CycleMode { INITIAL, INCREMENTAL }
