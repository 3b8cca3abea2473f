package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.engine.target.GroupMembership;
import io.github.zendeskprovisioning.engine.target.MembershipWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZendeskClientGroupsTest {
    private final ZendeskFixture z = new ZendeskFixture();

    @AfterEach
    void close() {
        z.close();
    }

    @Test
    void groupsAreListedPastOnePageByCursorAndDeletedOnesAreLeftOut() {
        for (int i = 0; i < 230; i++) {
            z.sim.seedGroup("Group " + i, "");
        }
        ZendeskClient client = z.client();
        client.deleteGroup(z.sim.groups().get(0).id());
        List<ZendeskGroup> groups = client.groups();
        assertEquals(229, groups.size());
        assertEquals("Group 1", groups.get(0).name());
        assertEquals(3, z.count("GET /api/v2/groups"));
        assertTrue(z.requests("GET /api/v2/groups").stream().allMatch(r -> r.pathAndQuery().contains("page%5Bsize%5D=100")));
    }

    @Test
    void groupsAreCreatedRenamedAndDeleted() {
        ZendeskClient client = z.client();
        ZendeskGroup created = client.createGroup("Support", "First line");
        assertEquals("First line", created.description());
        ZendeskGroup renamed = client.updateGroup(created.id(), "Support EU", "First line, Europe");
        assertEquals("Support EU", renamed.name());
        client.deleteGroup(created.id());
        assertTrue(client.groups().isEmpty());
        client.deleteGroup(created.id()); // already gone (a lost answer's repeat): done, not an error
        assertTrue(client.groups().isEmpty());
    }

    @Test
    void aTakenGroupNameIsATypedError() {
        ZendeskClient client = z.client();
        client.createGroup("Support", null);
        ZendeskException e = assertThrows(ZendeskException.class, () -> client.createGroup("support", null));
        assertEquals(422, e.error().httpStatus());
        assertEquals("Name: support has already been taken", e.getMessage());
    }

    @Test
    void membershipsAreCreatedInBatchesOf100AndAnEndUserFailsAloneWithAReason() {
        long group = z.sim.seedGroup("Support", "").id();
        List<GroupMembership> wanted = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            wanted.add(new GroupMembership(null, z.sim.seedUser("Agent " + i, "agent" + i + "@contoso.com", null, "agent").id(), group));
        }
        long endUser = z.sim.seedUser("End", "end@contoso.com", null, "end-user").id();
        wanted.add(40, new GroupMembership(null, endUser, group));
        ZendeskClient client = z.client();
        List<MembershipWriteResult> results = client.createMemberships(wanted);
        assertEquals(151, results.size());
        assertFalse(results.get(40).success());
        assertTrue(results.get(40).error().description().contains("end user"), results.get(40).error().description());
        assertEquals(150, results.stream().filter(MembershipWriteResult::success).count());
        assertEquals(2, z.count("POST /api/v2/group_memberships/create_many"));

        List<GroupMembership> listed = client.groupMemberships(group);
        assertEquals(150, listed.size());
        assertEquals(2, z.count("GET /api/v2/groups/" + group + "/memberships"));

        List<Long> ids = listed.stream().map(GroupMembership::id).toList();
        client.deleteMemberships(ids);
        assertTrue(z.sim.memberships().isEmpty());
        assertEquals(2, z.count("DELETE /api/v2/group_memberships/destroy_many"));
    }

    @Test
    void customRolesAreListed() {
        long id = z.sim.seedCustomRole("Team lead", "Leads a team");
        var roles = z.client().customRoles();
        assertEquals(1, roles.size());
        assertEquals(id, roles.get(0).id());
        assertEquals("Team lead", roles.get(0).name());
        assertEquals(0, roles.get(0).roleType());
    }
}
