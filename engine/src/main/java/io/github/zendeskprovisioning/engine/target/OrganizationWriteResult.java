package io.github.zendeskprovisioning.engine.target;

/** Outcome of one organization in a bulk create, in request order; {@code id} is set on success. */
public record OrganizationWriteResult(int index, Long id, ZendeskError error) {
    public boolean success() {
        return error == null && id != null;
    }
}
