package io.github.zendeskprovisioning.simulators.graph;

/** What {@link GraphSimulator#generate(int, long)} created. */
public record GeneratedTenant(String servicePrincipalId, int users, int groups, int assignments) {
}
