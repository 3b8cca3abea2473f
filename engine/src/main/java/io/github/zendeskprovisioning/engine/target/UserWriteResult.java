package io.github.zendeskprovisioning.engine.target;

/**
 * The outcome of one user in a (bulk) write, in the order the users were sent.
 *
 * @param index position in the request list
 * @param id    the Zendesk user id (set on success; on failure when Zendesk names it)
 * @param error why it failed; null on success
 */
public record UserWriteResult(int index, Long id, ZendeskError error) {
    public boolean success() {
        return error == null;
    }
}
