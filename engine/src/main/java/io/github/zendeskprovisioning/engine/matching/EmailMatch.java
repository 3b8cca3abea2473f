package io.github.zendeskprovisioning.engine.matching;

import io.github.zendeskprovisioning.engine.target.ZendeskUser;

import java.util.List;

/**
 * The last matching rule: a Zendesk user with the same e-mail (case-insensitive). It is linked only when it
 * is unambiguous: exactly one active user, carrying no external id (made by hand) or ours (an earlier,
 * interrupted create). Anything else is a conflict, logged, never guessed.
 */
public record EmailMatch(Outcome outcome, ZendeskUser user, String reason) {
    public enum Outcome { NONE, LINKABLE, CONFLICT }

    public static EmailMatch decide(String entraId, String email, List<ZendeskUser> candidates) {
        List<ZendeskUser> active = candidates.stream().filter(ZendeskUser::active).toList();
        if (active.isEmpty()) return new EmailMatch(Outcome.NONE, null, "no Zendesk user has the e-mail " + email);
        if (active.size() > 1) {
            return new EmailMatch(Outcome.CONFLICT, null, "e-mail " + email + " matches " + active.size()
                    + " Zendesk users (" + active.stream().map(u -> "#" + u.id()).toList() + "); not guessing which one is this user");
        }
        ZendeskUser u = active.get(0);
        String ext = u.externalId();
        if (ext == null || ext.isBlank()) {
            return new EmailMatch(Outcome.LINKABLE, u, "e-mail " + email + " of Zendesk user " + u.id() + " (created in Zendesk by hand)");
        }
        if (ext.equalsIgnoreCase(entraId)) {
            return new EmailMatch(Outcome.LINKABLE, u, "e-mail " + email + " of Zendesk user " + u.id() + ", which already carries this external id");
        }
        return new EmailMatch(Outcome.CONFLICT, u, "e-mail " + email + " belongs to Zendesk user " + u.id()
                + ", which is linked to another Entra object (external_id " + ext + ")");
    }
}
