package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.job;
import static io.github.zendeskprovisioning.simulators.zendesk.Rendering.many;
import static io.github.zendeskprovisioning.simulators.zendesk.Router.Reply;

/** {@code /api/v2/job_statuses...} and {@code /api/v2/custom_roles}. */
final class JobRoutes {
    private final ZendeskTenant tenant;

    JobRoutes(ZendeskTenant tenant) {
        this.tenant = tenant;
    }

    void register(Router router) {
        router.add("GET", "/api/v2/job_statuses/show_many", call -> {
            List<String> ids = call.query().list("ids");
            if (ids.isEmpty()) {
                throw ApiError.badRequest("InvalidValue", "ids is required");
            }
            List<ObjectNode> found = new ArrayList<>();
            for (String id : ids) {
                tenant.pollJob(id).ifPresent(j -> found.add((ObjectNode) job(j, call.baseUrl()).get("job_status")));
            }
            return Reply.ok(many("job_statuses", found));
        });
        router.add("GET", "/api/v2/job_statuses/{key}", call -> Reply.ok(
                job(tenant.pollJob(call.param(0)).orElseThrow(ApiError::notFound), call.baseUrl())));
        router.add("GET", "/api/v2/custom_roles", call -> Reply.ok(many("custom_roles", tenant.customRoles())));
    }
}
