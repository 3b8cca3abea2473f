package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ports.ZendeskTarget;
import io.github.zendeskprovisioning.engine.target.OrganizationWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskOrganization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the organization names of one batch into Zendesk ids: the account's organizations are listed once, the
 * missing ones are created in one {@code organizations/create_many} (per 100), matched by name, case-insensitive.
 * Names are unique in Zendesk, so a create refused as taken, or one whose outcome is unknown (the job failed or
 * timed out), is settled by reading that name: never a second organization.
 */
final class OrganizationResolver {
    private final ZendeskTarget zendesk;

    /**
     * @param ids        lower-cased name to organization id
     * @param problems   lower-cased name to why it has no id (those users are retried in a later cycle)
     * @param wouldCreate names a dry run would create
     */
    record Resolution(Map<String, Long> ids, Map<String, String> problems, List<String> wouldCreate) {
        Long idOf(String name) {
            return ids.get(key(name));
        }

        String problemOf(String name) {
            return problems.get(key(name));
        }
    }

    OrganizationResolver(ZendeskTarget zendesk) {
        this.zendesk = zendesk;
    }

    /** @throws RuntimeException when the organizations cannot be listed (or the credentials are refused) */
    Resolution resolve(Collection<String> names, boolean dryRun) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) wanted.putIfAbsent(key(name), name.trim());
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        if (wanted.isEmpty()) return new Resolution(ids, problems, List.of());
        // A failed listing decides nothing: it propagates, and the caller fails the users that needed it.
        for (ZendeskOrganization o : zendesk.organizations()) {
            if (o.name() != null && wanted.containsKey(key(o.name()))) ids.putIfAbsent(key(o.name()), o.id());
        }
        List<String> missing = new ArrayList<>();
        wanted.forEach((k, name) -> {
            if (!ids.containsKey(k)) missing.add(name);
        });
        if (missing.isEmpty()) return new Resolution(ids, problems, List.of());
        if (dryRun) return new Resolution(ids, problems, List.copyOf(missing));
        List<OrganizationWriteResult> results;
        String unknown = null;
        try {
            results = zendesk.createOrganizations(missing);
        } catch (ZendeskException e) {
            if (e.credentialsRejected()) throw e;
            results = List.of();
            unknown = reason(e);
        }
        for (int i = 0; i < missing.size(); i++) {
            String name = missing.get(i);
            OrganizationWriteResult r = i < results.size() ? results.get(i) : null;
            if (r != null && r.success()) {
                ids.put(key(name), r.id());
                continue;
            }
            String refusal = r != null && r.error() != null ? r.error().description() : unknown;
            settle(name, refusal, ids, problems);
        }
        return new Resolution(ids, problems, List.of());
    }

    /** Taken (made by hand, or by an earlier attempt whose answer was lost), or unknown: read it by name. */
    private void settle(String name, String refusal, Map<String, Long> ids, Map<String, String> problems) {
        try {
            Optional<ZendeskOrganization> found = zendesk.organizationByName(name);
            if (found.isPresent()) {
                ids.put(key(name), found.get().id());
            } else {
                problems.put(key(name), "Zendesk did not create the organization \"" + name + "\""
                        + (refusal == null ? "" : " (" + refusal + ")"));
            }
        } catch (RuntimeException e) {
            problems.put(key(name), "could not create or find the organization \"" + name + "\": " + reason(e));
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof ZendeskException z ? z.error().description() : String.valueOf(e.getMessage());
    }

    static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
