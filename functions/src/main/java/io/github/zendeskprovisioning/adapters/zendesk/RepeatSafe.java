package io.github.zendeskprovisioning.adapters.zendesk;

/**
 * Marks a POST whose outcome, when unknown (a 5xx, a connection lost before or after Zendesk applied it, a
 * timeout), may be settled by sending it again, and names the Zendesk rule that makes the repeat harmless. GET,
 * PUT and DELETE need no mark. Carried as the OkHttp request's tag and read by {@link RetryInterceptor}.
 */
record RepeatSafe(String rule) {
    /**
     * Users: Zendesk keeps external ids and e-mail addresses unique, so a repeated create makes nobody twice; a
     * user the lost attempt did create comes back as an "already taken" refusal, which the engine matches by
     * external id and links.
     */
    static final RepeatSafe USERS = new RepeatSafe("unique external_id and e-mail");

    /** Memberships: Zendesk keeps one membership per user and group; a repeat's "already a member" means done. */
    static final RepeatSafe MEMBERSHIPS = new RepeatSafe("one membership per user and group");

    /**
     * Organizations: Zendesk keeps organization names unique, so a repeated create makes none twice; one the lost
     * attempt did create comes back refused as taken, which the engine settles by reading the name.
     */
    static final RepeatSafe ORGANIZATIONS = new RepeatSafe("unique organization names");

    /** create_or_update_many matches each user by external id, then e-mail: a repeat updates what the first made. */
    static final RepeatSafe UPSERT = new RepeatSafe("create_or_update matches by external_id, then e-mail");
}
