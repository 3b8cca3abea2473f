package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Users made in Zendesk by hand before provisioning began are found in bulk, never one search per user. */
class PreExistingUsersTest {
    private final Tenant t = new Tenant();

    @Test
    void usersMadeByHandAreFoundByOneSearchPerBatchWhateverTheCaseOfTheirEmail() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = t.entra.addUser("u" + i + "@contoso.com", "User " + i);
            t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
            ids.add(id);
            if (i % 3 == 0) {
                String email = i % 2 == 0 ? "U" + i + "@Contoso.COM" : "u" + i + "@contoso.com";
                t.zendesk.addUser("Hand made " + i, email, null, "end-user");
            }
        }
        CycleRecord end = t.sync(true, false);

        assertEquals(40, t.zendesk.allUsers().size(), "nobody created twice");
        assertEquals(40, t.zendesk.allUsers().stream().map(ZendeskUser::externalId).distinct().count());
        for (String id : ids) assertEquals("agent", t.zendesk.byExternalId(id).role());
        assertEquals(14, end.count("Update.Success"), "each hand-made user linked by e-mail and updated");
        assertEquals(26, end.count("Create.Success"));
        assertEquals(1, t.zendesk.requestsTo("GET /api/v2/users/search"), "one bulk search for the batch's refused creates");
    }
}
