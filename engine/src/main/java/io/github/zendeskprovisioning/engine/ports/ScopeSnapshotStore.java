package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.state.MemberPage;
import io.github.zendeskprovisioning.engine.state.Membership;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What decides scope, as last read from Entra: the app's assignments (kept by generation, because Graph has
 * no delta for them: a cycle writes a new generation and compares it with the committed one), and the
 * direct user members of groups (kept up to date from {@code members@delta}, both directions indexed).
 */
public interface ScopeSnapshotStore {
    /** The most members one {@link #membersPage} call reads: one Table query. */
    int MAX_PAGE = 1_000;

    /** Adds assignments to a generation (batched writes). */
    void saveAssignments(String generation, List<Assignment> assignments);

    /** The assignments of these principals in a generation, keyed by principal id (absent: none). */
    Map<String, List<Assignment>> assignmentsOf(String generation, Collection<String> principalIds);

    /** Every assignment of a generation, read page by page as the caller iterates. */
    Iterable<Assignment> assignments(String generation);

    void deleteGeneration(String generation);

    /**
     * Adds memberships, typically one Graph page (up to 999) of one group: stores write it in batch
     * transactions (a bounded number per page), never one per member. Repeating it is harmless.
     */
    void addMembers(String groupId, Collection<String> userIds);

    /**
     * Members added to several groups at once (a page of group changes), so that a store keeping rows by user can
     * share its writes across the groups instead of writing each group's apart.
     */
    default void addMembers(Map<String, ? extends Collection<String>> membersByGroup) {
        membersByGroup.forEach(this::addMembers);
    }

    void removeMembers(String groupId, Collection<String> userIds);

    /** Forgets a group and all its memberships. */
    void removeGroup(String groupId);

    /**
     * The groups each of these users is a direct member of, keyed by user id (absent: none). A work batch
     * (100 users) costs stores a bounded number of reads, not one per user.
     */
    Map<String, Set<String>> groupsOf(Collection<String> userIds);

    Set<String> membersOf(String groupId);

    /**
     * Every membership of every group, read page by page as the caller iterates (stores read about 1,000 rows a
     * request, never one per user), in no promised order. For a copy of the whole index when every user is to be
     * evaluated anyway (an initial cycle), where {@link #groupsOf} per batch would cost a query per few users.
     */
    Iterable<Membership> memberships();

    /**
     * Up to {@code max} (1 to {@link #MAX_PAGE}) members of a group in key order, starting after
     * {@code continuation} (null: from the first), so a group of any size is read in bounded steps.
     */
    MemberPage membersPage(String groupId, String continuation, int max);

    /** Removes every assignment generation and every membership. */
    void clear();
}
