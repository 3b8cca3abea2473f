package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraGroup;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.directory.GroupChange;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.directory.UserChange;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Entra ID, read through Microsoft Graph. Every method either returns what Graph really holds or throws
 * {@link EntraReadException}: a partial or failed read is never returned as a shorter list.
 * Reads are paged: one call is one Graph page (or a few requests to complete it), so no caller ever holds
 * the whole tenant.
 */
public interface EntraSource {

    /** The service principal's app roles (id to value). */
    List<AppRole> appRoles(String servicePrincipalId);

    /** One page of {@code servicePrincipals/{id}/appRoleAssignedTo}; {@code pageToken} null for the first page. */
    Page<Assignment> assignments(String servicePrincipalId, String pageToken);

    /**
     * One page of {@code users/delta}. {@code pageToken} null starts a full round (every user); otherwise it
     * is a {@code nextPageToken} or a {@code deltaToken} returned before. Every present user carries all the
     * attributes of {@link EntraUser} (partial delta items are completed by the reader).
     */
    Page<UserChange> userChanges(String pageToken);

    /** One page of {@code groups/delta} with {@code members@delta}; tokens as for {@link #userChanges}. */
    Page<GroupChange> groupChanges(String pageToken);

    /** The users with these ids (any number; read in batches); ids that do not exist are left out. */
    List<EntraUser> usersByIds(Collection<String> ids);

    Optional<EntraUser> user(String id);

    Optional<EntraGroup> group(String id);

    /** One page of the group's direct members that are users (ids). */
    Page<String> groupMemberIds(String groupId, String pageToken);

    /** Graph requests made so far (for reports and benchmarks). */
    long requestCount();

    /** Graph requests made so far by the calling thread only (see ZendeskTarget#requestStatsOnThisThread). */
    default long requestCountOnThisThread() {
        return requestCount();
    }
}
