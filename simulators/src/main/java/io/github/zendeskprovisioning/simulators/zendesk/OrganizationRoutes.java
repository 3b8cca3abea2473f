package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.job;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.many;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.one;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.withUrl;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.withUrls;
import static io.github.zendeskprovisioning.simulators.zendesk.Router.Reply;

/** {@code /api/v2/organizations...}: list, create, create_many (a job), search by name, show_many. */
final class OrganizationRoutes {
    private static final String ORGANIZATIONS = "organizations";

    private final ZendeskTenant tenant;

    OrganizationRoutes(ZendeskTenant tenant) {
        this.tenant = tenant;
    }

    void register(Router router) {
        router.add("GET", "/api/v2/organizations", call -> Reply.ok(Paging.page(
                withUrls(new ArrayList<>(tenant.organizations()), call.baseUrl(), ORGANIZATIONS),
                ORGANIZATIONS, call.query(), call.baseUrl() + "/api/v2/organizations")));
        router.add("POST", "/api/v2/organizations", call -> {
            JsonNode org = call.body().get("organization");
            if (org == null || !org.isObject()) {
                throw ApiError.badRequest("InvalidValue", "the body needs an organization object");
            }
            return Reply.created(one("organization", withUrl(tenant.createOrganization(org), call.baseUrl(), ORGANIZATIONS)));
        });
        router.add("POST", "/api/v2/organizations/create_many", call -> {
            JsonNode items = call.body().get(ORGANIZATIONS);
            if (items == null || !items.isArray()) {
                throw ApiError.badRequest("InvalidValue", "the body needs an organizations array");
            }
            if (items.size() > 100) {
                throw ApiError.badRequest("TooManyValues", "organizations: at most 100 per request");
            }
            return Reply.ok(job(tenant.createOrganizations((ArrayNode) items), call.baseUrl()));
        });
        router.add("GET", "/api/v2/organizations/search", call -> {
            boolean byName = call.query().has("name");
            boolean byExternalId = call.query().has("external_id");
            if (byName == byExternalId) {
                throw ApiError.badRequest("InvalidValue", "name or external_id is required, not both");
            }
            // No organization here has an external id: the service never sets one.
            List<ObjectNode> found = byName ? tenant.organizationByName(call.query().get("name")).map(List::of).orElse(List.of())
                    : List.of();
            return Reply.ok(many(ORGANIZATIONS, withUrls(new ArrayList<>(found), call.baseUrl(), ORGANIZATIONS)));
        });
        router.add("GET", "/api/v2/organizations/show_many", call -> {
            List<Long> ids = call.query().longs("ids");
            if (ids.isEmpty() || ids.size() > 100) {
                throw ApiError.badRequest("InvalidValue", "ids: between 1 and 100 organization ids");
            }
            return Reply.ok(many(ORGANIZATIONS, withUrls(new ArrayList<>(tenant.organizationsByIds(ids)), call.baseUrl(),
                    ORGANIZATIONS)));
        });
    }
}
