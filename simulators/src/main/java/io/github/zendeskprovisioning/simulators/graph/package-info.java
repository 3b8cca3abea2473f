/**
 * A stateful Microsoft Graph v1.0 simulator ({@link io.github.zendeskprovisioning.simulators.graph.GraphSimulator})
 * for the identity reads of the provisioning service, agreeing with {@code shared/reference/graph-v1.0-identity.json}
 * and with Microsoft's documentation where the description is silent.
 *
 * <p>Choices worth knowing:
 * <ul>
 *   <li>Delta tokens are positions in an append-only change log; a round replays every change logged after its
 *       token, collapsed per object. A full round captures the log position when it starts, so changes made
 *       while it pages are replayed by the next round (at least once, never lost).</li>
 *   <li>Delta page size follows {@code Prefer: odata.maxpagesize}, default 100, capped at 200 (the cap Graph
 *       applies to user objects); {@code $top} is ignored on delta, as Graph ignores it. Lists take {@code $top}
 *       1..999, default 100.</li>
 *   <li>{@code $filter} supports {@code id eq '...'} and {@code id in (...)} with at most 15 values, and, on /users and
 *       /groups, {@code startswith(p,'v')} clauses joined by {@code or} on displayName, mail, userPrincipalName, givenName
 *       and surname (case-insensitive, as Graph).</li>
 *   <li>Whole objects carry {@code @odata.type} (the description requires it); partial delta items carry only the
 *       id and the changed, selected properties.</li>
 *   <li>Errors use Graph's envelope with {@code innerError} (camel case, as the service sends it; the generated
 *       description spells it {@code innererror}).</li>
 *   <li>Default Access ({@code 00000000-0000-0000-0000-000000000000}) is not listed in {@code appRoles}, as in
 *       Entra; it is used as the {@code appRoleId} of assignments without a role.</li>
 *   <li>Soft-deleting a user removes its group memberships (logged as member removals) and restoring gives them
 *       back; hard deletes also drop its app role assignments.</li>
 * </ul>
 */
package io.github.zendeskprovisioning.simulators.graph;
