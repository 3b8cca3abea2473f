package io.github.zendeskprovisioning.engine.target;

import java.util.List;

/**
 * Why Zendesk refused one write, in words an admin can act on.
 *
 * @param httpStatus  the HTTP status, or 0 for a per-item failure inside a bulk job
 * @param code        Zendesk's error code ({@code RecordInvalid}, {@code RecordNotFound}, {@code Forbidden},
 *                    {@code DuplicateValue}, ...) or ours ({@code NetworkError}, {@code Throttled})
 * @param description a readable sentence, such as "Email: alice@contoso.com is already being used by another user"
 * @param details     per-field details as "field: description"
 * @param retryable   whether the same request may succeed later (5xx, network, throttling)
 */
public record ZendeskError(int httpStatus, String code, String description, List<String> details, boolean retryable) {
    public ZendeskError {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** True when the failure says another Zendesk user has this external id already. */
    public boolean externalIdTaken() {
        String all = (description + " " + String.join(" ", details)).toLowerCase(java.util.Locale.ROOT);
        return (all.contains("external id") || all.contains("external_id")) && (all.contains("taken") || all.contains("already"));
    }

    /** True when the failure says the e-mail belongs to another Zendesk user. */
    public boolean emailTaken() {
        String all = (description + " " + String.join(" ", details)).toLowerCase(java.util.Locale.ROOT);
        return all.contains("email") && (all.contains("already being used") || all.contains("taken")
                || all.contains("duplicatevalue"));
    }
}
