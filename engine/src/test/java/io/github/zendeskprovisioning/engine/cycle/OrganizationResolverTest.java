package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeZendesk;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OrganizationResolverTest {
    private final FakeZendesk zendesk = new FakeZendesk();
    private final OrganizationResolver resolver = new OrganizationResolver(zendesk);

    @Test
    void knownNamesMatchCaseInsensitivelyAndMissingOnesAreCreatedInOneBulkCall() {
        long contoso = zendesk.addOrganization("Contoso").id();
        OrganizationResolver.Resolution r = resolver.resolve(List.of("contoso", "Fabrikam", "FABRIKAM ", "Tailspin"), false);
        assertEquals(contoso, r.idOf("CONTOSO"));
        assertEquals(3, zendesk.allOrganizations().size(), "Fabrikam once, Tailspin once");
        assertEquals(1, zendesk.requestsTo("POST /api/v2/organizations/create_many"));
        assertEquals(1, zendesk.requestsTo("GET /api/v2/organizations"));
        assertEquals(r.idOf("fabrikam"), zendesk.allOrganizations().stream()
                .filter(o -> o.name().equals("Fabrikam")).findFirst().orElseThrow().id());
    }

    @Test
    void aCreateWhoseAnswerWasLostIsSettledByReadingTheNameNotByCreatingAgain() {
        zendesk.loseNextOrganizationAnswer = new ZendeskException(new ZendeskError(0, "JobTimeout",
                "the job did not finish in time", List.of(), true));
        OrganizationResolver.Resolution r = resolver.resolve(List.of("Contoso"), false);
        assertEquals(1, zendesk.allOrganizations().size());
        assertEquals(zendesk.allOrganizations().get(0).id(), r.idOf("Contoso"));
        assertNull(r.problemOf("Contoso"));
        assertEquals(1, zendesk.requestsTo("GET /api/v2/organizations/search"));
    }

    @Test
    void aDryRunCreatesNothingAndSaysWhatItWouldCreate() {
        OrganizationResolver.Resolution r = resolver.resolve(List.of("Contoso"), true);
        assertEquals(List.of("Contoso"), r.wouldCreate());
        assertEquals(0, zendesk.allOrganizations().size());
        assertEquals(0, zendesk.requestsTo("POST /api/v2/organizations/create_many"));
    }
}
