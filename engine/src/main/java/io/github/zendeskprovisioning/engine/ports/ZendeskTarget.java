package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.target.CustomRole;
import io.github.zendeskprovisioning.engine.target.GroupMembership;
import io.github.zendeskprovisioning.engine.target.MembershipWriteResult;
import io.github.zendeskprovisioning.engine.target.OrganizationWriteResult;
import io.github.zendeskprovisioning.engine.target.RequestStats;
import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import io.github.zendeskprovisioning.engine.target.ZendeskOrganization;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Zendesk Support, written through its REST API v2. A request that fails as a whole throws
 * {@link ZendeskException}; bulk writes report each item's outcome instead, in request order.
 * Implementations pace themselves under the account's rate limit and retry only what is safe to repeat.
 */
public interface ZendeskTarget {

    /** {@code GET /api/v2/users/me}: who the credentials belong to (the connection test wants an admin). */
    ZendeskUser currentUser();

    /** Users by Zendesk id, any number (sent in {@code show_many} batches of 100); unknown ids left out. */
    List<ZendeskUser> usersByIds(Collection<Long> ids);

    /** Users by external id, any number ({@code show_many?external_ids=}, 100 a call); case-insensitive. */
    List<ZendeskUser> usersByExternalIds(Collection<String> externalIds);

    /** Users whose e-mail (any identity) is this one, case-insensitive; usually zero or one. */
    List<ZendeskUser> usersByEmail(String email);

    /**
     * Users holding any of these e-mails, found in bulk (several e-mails a request). Callers match each e-mail
     * against the users' primary e-mail, case-insensitive, and ask {@link #usersByEmail} for one found no other
     * way (an e-mail held as a secondary identity). This default asks one by one.
     */
    default List<ZendeskUser> usersByEmails(Collection<String> emails) {
        List<ZendeskUser> found = new java.util.ArrayList<>();
        for (String email : new java.util.LinkedHashSet<>(emails)) found.addAll(usersByEmail(email));
        return found;
    }

    /**
     * Creates users ({@code create_many} jobs of up to 100, polled to the end; single {@code POST /users}
     * when bulk imports are off). One result per input, in order.
     */
    List<UserWriteResult> createUsers(List<ZendeskUserFields> users);

    /** Updates users, each with its own fields ({@code update_many} jobs, or single PUTs when bulk is off). */
    List<UserWriteResult> updateUsers(List<UserUpdate> updates);

    /** Soft-deletes a user ({@code DELETE /api/v2/users/{id}}). */
    UserWriteResult deleteUser(long id);

    /** Every group that is not deleted (cursor pagination). */
    List<ZendeskGroup> groups();

    ZendeskGroup createGroup(String name, String description);

    ZendeskGroup updateGroup(long id, String name, String description);

    void deleteGroup(long id);

    /** The memberships of one group (cursor pagination). */
    List<GroupMembership> groupMemberships(long groupId);

    /** {@code group_memberships/create_many}, in batches of 100; one result per input, in order. */
    List<MembershipWriteResult> createMemberships(List<GroupMembership> memberships);

    /** {@code group_memberships/destroy_many}, in batches of 100. */
    void deleteMemberships(List<Long> membershipIds);

    /** Every organization (cursor pagination). */
    List<ZendeskOrganization> organizations();

    /**
     * {@code organizations/create_many} jobs of up to 100 names, polled to the end; one result per input, in order.
     * A name already taken fails (names are unique), so a repeat never makes a second organization.
     */
    List<OrganizationWriteResult> createOrganizations(List<String> names);

    /** The organization with exactly this name (case-insensitive), if any: settles a create of unknown outcome. */
    Optional<ZendeskOrganization> organizationByName(String name);

    List<CustomRole> customRoles();

    RequestStats requestStats();

    /**
     * Requests made so far by the calling thread only, so that a worker handling one message can count its
     * own requests while others run beside it. Without threads of its own, the totals do.
     */
    default RequestStats requestStatsOnThisThread() {
        return requestStats();
    }
}
