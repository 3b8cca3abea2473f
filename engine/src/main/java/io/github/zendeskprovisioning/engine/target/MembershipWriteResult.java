package io.github.zendeskprovisioning.engine.target;

/** Outcome of one membership in a bulk create, in request order. */
public record MembershipWriteResult(int index, Long membershipId, ZendeskError error) {
    public boolean success() {
        return error == null;
    }
}
