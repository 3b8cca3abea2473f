package io.github.zendeskprovisioning.adapters.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import io.github.zendeskprovisioning.engine.ports.ZendeskTarget;
import io.github.zendeskprovisioning.engine.target.CustomRole;
import io.github.zendeskprovisioning.engine.target.GroupMembership;
import io.github.zendeskprovisioning.engine.target.MembershipWriteResult;
import io.github.zendeskprovisioning.engine.target.OrganizationWriteResult;
import io.github.zendeskprovisioning.engine.target.RequestStats;
import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import io.github.zendeskprovisioning.engine.target.ZendeskOrganization;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Zendesk Support API v2 over OkHttp. Cross-cutting behaviour lives in interceptors, outermost first:
 * {@link RetryInterceptor} (settles unknown outcomes of requests safe to repeat: reads, updates, deletes, and
 * POSTs marked {@link RepeatSafe}), {@link AuthInterceptor}, {@link RateLimitInterceptor} (pacing and 429
 * handling through a {@link RateLimitGate} shared by the process's clients), {@link RequestCounter}. Group
 * creates settle a lost answer by looking the name up ({@link #createGroup}). Bulk writes go through background jobs
 * polled to the end and fall back to one request per record when the account has bulk imports off.
 * A batch that fails as a whole fails each of its items; other batches go on. Refused credentials are
 * thrown at once, since nothing else can succeed with them.
 */
public final class ZendeskClient implements ZendeskTarget {
    private static final Logger LOG = Logger.getLogger(ZendeskClient.class.getName());
    static final int BATCH = 100;
    /** E-mails per bulk search: a query of about 2 KB, well inside what a URL may carry. */
    private static final int EMAILS_PER_SEARCH = 40;

    private final ZendeskHttp http;
    private final JobPoller jobs;
    private final UserJson json;
    private final RequestCounter counter;
    private final AtomicBoolean bulkImportsOff = new AtomicBoolean();
    private final OkHttpClient okHttp;
    private final RetryInterceptor retry;
    private final int maxAttempts;

    private ZendeskClient(Builder b, HttpUrl base) {
        ObjectMapper mapper = new ObjectMapper();
        this.counter = new RequestCounter();
        RateLimitGate gate = b.gate != null ? b.gate : new RateLimitGate(b.clock, b.requestsPerMinute, b.window);
        RateLimitInterceptor pacing = new RateLimitInterceptor(gate, b.sleeper, b.maxThrottledAttempts, b.maxThrottleWait);
        OkHttpClient.Builder common = new OkHttpClient.Builder()
                // Our RetryInterceptor alone decides what is sent twice: OkHttp's own retry may repeat a POST.
                .retryOnConnectionFailure(false)
                // Credentials are never carried to another host.
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .connectionPool(new ConnectionPool(8, 20, TimeUnit.SECONDS));
        b.networkInterceptors.forEach(common::addNetworkInterceptor);
        OkHttpClient shared = common.build();
        OAuthTokenSource tokens = null;
        if (b.credentials instanceof ZendeskCredentials.OAuthClient client) {
            OkHttpClient tokenHttp = shared.newBuilder().addInterceptor(pacing).addInterceptor(counter).build();
            tokens = new OAuthTokenSource(tokenHttp, base, client, b.clock, mapper);
        }
        this.maxAttempts = b.maxAttempts;
        this.retry = new RetryInterceptor(b.maxAttempts, b.retryBaseDelay, b.retryMaxDelay, b.sleeper, b.random);
        this.okHttp = shared.newBuilder()
                .addInterceptor(retry)
                .addInterceptor(new AuthInterceptor(b.credentials, tokens))
                .addInterceptor(pacing)
                .addInterceptor(counter)
                .build();
        this.http = new ZendeskHttp(okHttp, base, mapper);
        this.jobs = new JobPoller(http, b.sleeper, b.clock, b.jobPollInterval, b.jobTimeout);
        this.json = new UserJson(mapper);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- users: reads ----

    @Override
    public ZendeskUser currentUser() {
        return json.user(http.get(http.url("api/v2/users/me")).path("user"));
    }

    @Override
    public List<ZendeskUser> usersByIds(Collection<Long> ids) {
        List<ZendeskUser> out = new ArrayList<>();
        for (List<Long> batch : chunks(new ArrayList<>(new LinkedHashSet<>(ids)), BATCH)) {
            String joined = String.join(",", batch.stream().map(String::valueOf).toList());
            JsonNode page = http.get(http.url("api/v2/users/show_many", q -> q.addQueryParameter("ids", joined)));
            page.path("users").forEach(u -> out.add(json.user(u)));
        }
        return out;
    }

    @Override
    public List<ZendeskUser> usersByExternalIds(Collection<String> externalIds) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String externalId : externalIds) {
            if (externalId != null && !externalId.isBlank()) {
                unique.putIfAbsent(externalId.toLowerCase(Locale.ROOT), externalId);
            }
        }
        List<String> listable = new ArrayList<>();
        List<ZendeskUser> out = new ArrayList<>();
        for (String externalId : unique.values()) {
            if (externalId.contains(",")) {
                // show_many splits on commas; such an id can only be looked up alone.
                out.addAll(searchPages(q -> q.addQueryParameter("external_id", externalId)));
            } else {
                listable.add(externalId);
            }
        }
        for (List<String> batch : chunks(listable, BATCH)) {
            String joined = String.join(",", batch);
            JsonNode page = http.get(http.url("api/v2/users/show_many", q -> q.addQueryParameter("external_ids", joined)));
            page.path("users").forEach(u -> out.add(json.user(u)));
        }
        return out;
    }

    @Override
    public List<ZendeskUser> usersByEmail(String email) {
        if (email == null || email.isBlank() || email.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an e-mail address without spaces is needed to search Zendesk users");
        }
        return searchPages(q -> q.addQueryParameter("query", "email:" + email.trim()));
    }

    /**
     * {@code users/search} with several {@code email:} terms a query (Zendesk's search returns the users matching
     * any of a keyword's repeated values); the caller checks each user's e-mail itself and searches alone what it
     * misses. An address with white space or a quote cannot be a search term and is left to that single search.
     */
    @Override
    public List<ZendeskUser> usersByEmails(Collection<String> emails) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String email : emails) {
            if (email == null || email.isBlank() || email.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
                continue;
            }
            unique.putIfAbsent(email.trim().toLowerCase(Locale.ROOT), email.trim());
        }
        List<ZendeskUser> out = new ArrayList<>();
        for (List<String> batch : chunks(new ArrayList<>(unique.values()), EMAILS_PER_SEARCH)) {
            String query = String.join(" ", batch.stream().map(e -> "email:" + e).toList());
            out.addAll(searchPages(q -> q.addQueryParameter("query", query)));
        }
        return out;
    }

    /** {@code users/search} offset pages (the only pagination it has), to Zendesk's end of the results. */
    private List<ZendeskUser> searchPages(UnaryOperator<HttpUrl.Builder> query) {
        List<ZendeskUser> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            int n = page;
            JsonNode answer = http.get(http.url("api/v2/users/search", q -> query.apply(q)
                    .addQueryParameter("page", Integer.toString(n))
                    .addQueryParameter("per_page", Integer.toString(BATCH))));
            answer.path("users").forEach(u -> out.add(json.user(u)));
            if (!answer.hasNonNull("next_page") || answer.path("users").isEmpty()) {
                return out;
            }
        }
    }

    // ---- users: writes ----

    @Override
    public List<UserWriteResult> createUsers(List<ZendeskUserFields> users) {
        return writeNew(users, "api/v2/users/create_many", "api/v2/users");
    }

    /**
     * {@code create_or_update_many}: each user is matched by external id, then e-mail, and updated, or
     * created; single {@code create_or_update} calls when bulk imports are off.
     */
    public List<UserWriteResult> createOrUpdateUsers(List<ZendeskUserFields> users) {
        return writeNew(users, "api/v2/users/create_or_update_many", "api/v2/users/create_or_update");
    }

    private List<UserWriteResult> writeNew(List<ZendeskUserFields> users, String bulkPath, String singlePath) {
        RepeatSafe repeatRule = bulkPath.endsWith("create_or_update_many") ? RepeatSafe.UPSERT : RepeatSafe.USERS;
        UserWriteResult[] results = new UserWriteResult[users.size()];
        List<Integer> sendable = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            ZendeskUserFields fields = users.get(i);
            Object name = fields == null ? null : fields.get("name");
            if (!(name instanceof String s) || s.isBlank()) {
                results[i] = new UserWriteResult(i, null, new ZendeskError(0, "InvalidInput",
                        "A Zendesk user needs a name; none was given", List.of("name: missing"), false));
            } else {
                sendable.add(i);
            }
        }
        for (List<Integer> batch : chunks(sendable, BATCH)) {
            if (!bulkImportsOff.get()) {
                try {
                    ArrayNode array = http.mapper().createArrayNode();
                    batch.forEach(i -> array.add(json.body(users.get(i))));
                    ObjectNode body = http.mapper().createObjectNode();
                    body.set("users", array);
                    JsonNode job = jobs.awaitCompletion(http.post(http.url(bulkPath), body, repeatRule));
                    mapCreateResults(job.path("results"), batch, results);
                    continue;
                } catch (ZendeskException e) {
                    if (!bulkImportsAreOff(e)) {
                        failAll(batch, e, results, (i, err) -> new UserWriteResult(i, null, err));
                        continue;
                    }
                }
            }
            for (int i : batch) {
                results[i] = createOne(i, users.get(i), singlePath, repeatRule);
            }
        }
        return List.of(results);
    }

    private UserWriteResult createOne(int index, ZendeskUserFields fields, String path, RepeatSafe repeatRule) {
        ObjectNode body = http.mapper().createObjectNode();
        body.set("user", json.body(fields));
        try {
            return new UserWriteResult(index, http.post(http.url(path), body, repeatRule).path("user").path("id").asLong(), null);
        } catch (ZendeskException e) {
            throwIfCredentials(e);
            return new UserWriteResult(index, null, e.error());
        }
    }

    private void mapCreateResults(JsonNode items, List<Integer> batch, UserWriteResult[] results) {
        for (int pos = 0; pos < items.size(); pos++) {
            JsonNode item = items.get(pos);
            // Zendesk reports in request order; "index" confirms the position when it is there.
            int local = item.hasNonNull("index") ? item.get("index").asInt() : pos;
            if (local < 0 || local >= batch.size()) {
                continue;
            }
            int i = batch.get(local);
            Long id = item.hasNonNull("id") ? item.get("id").asLong() : null;
            if (failed(item)) {
                results[i] = new UserWriteResult(i, id, ZendeskErrors.fromJobItem(item));
            } else if (id != null) {
                results[i] = new UserWriteResult(i, id, null);
            }
        }
        for (int i : batch) {
            if (results[i] == null) {
                results[i] = new UserWriteResult(i, null, noResult());
            }
        }
    }

    @Override
    public List<UserWriteResult> updateUsers(List<UserUpdate> updates) {
        UserWriteResult[] results = new UserWriteResult[updates.size()];
        List<Integer> sendable = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            UserUpdate update = updates.get(i);
            if (update.fields() == null || update.fields().isEmpty()) {
                results[i] = new UserWriteResult(i, update.id(), null);
            } else {
                sendable.add(i);
            }
        }
        for (List<Integer> batch : updateBatches(sendable, updates)) {
            if (!bulkImportsOff.get()) {
                try {
                    ArrayNode array = http.mapper().createArrayNode();
                    for (int i : batch) {
                        ObjectNode user = json.body(updates.get(i).fields());
                        user.put("id", updates.get(i).id());
                        array.add(user);
                    }
                    ObjectNode body = http.mapper().createObjectNode();
                    body.set("users", array);
                    JsonNode job = jobs.awaitCompletion(http.put(http.url("api/v2/users/update_many"), body));
                    mapUpdateResults(job.path("results"), batch, updates, results);
                    continue;
                } catch (ZendeskException e) {
                    if (!bulkImportsAreOff(e)) {
                        failAll(batch, e, results, (i, err) -> new UserWriteResult(i, updates.get(i).id(), err));
                        continue;
                    }
                }
            }
            for (int i : batch) {
                results[i] = updateOne(i, updates.get(i));
            }
        }
        return List.of(results);
    }

    /** Batches of 100 in which no user appears twice, so each job result names one input. */
    private static List<List<Integer>> updateBatches(List<Integer> indices, List<UserUpdate> updates) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (int i : indices) {
            long id = updates.get(i).id();
            if (current.size() == BATCH || ids.contains(id)) {
                batches.add(current);
                current = new ArrayList<>();
                ids.clear();
            }
            current.add(i);
            ids.add(id);
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private UserWriteResult updateOne(int index, UserUpdate update) {
        ObjectNode body = http.mapper().createObjectNode();
        body.set("user", json.body(update.fields()));
        try {
            http.put(http.url("api/v2/users", q -> q.addPathSegment(Long.toString(update.id()))), body);
            return new UserWriteResult(index, update.id(), null);
        } catch (ZendeskException e) {
            throwIfCredentials(e);
            return new UserWriteResult(index, update.id(), e.error());
        }
    }

    private static void mapUpdateResults(JsonNode items, List<Integer> batch, List<UserUpdate> updates,
                                         UserWriteResult[] results) {
        Map<Long, Integer> byId = new LinkedHashMap<>();
        batch.forEach(i -> byId.put(updates.get(i).id(), i));
        for (JsonNode item : items) {
            Integer i = item.hasNonNull("id") ? byId.get(item.get("id").asLong()) : null;
            if (i == null) {
                continue;
            }
            results[i] = failed(item)
                    ? new UserWriteResult(i, updates.get(i).id(), ZendeskErrors.fromJobItem(item))
                    : new UserWriteResult(i, updates.get(i).id(), null);
        }
        for (int i : batch) {
            if (results[i] == null) {
                results[i] = new UserWriteResult(i, updates.get(i).id(), noResult());
            }
        }
    }

    /** A user already gone (404: deleted by an earlier attempt whose answer was lost, or by hand) counts as deleted. */
    @Override
    public UserWriteResult deleteUser(long id) {
        try {
            http.delete(http.url("api/v2/users", q -> q.addPathSegment(Long.toString(id))));
            return new UserWriteResult(0, id, null);
        } catch (ZendeskException e) {
            throwIfCredentials(e);
            return e.error().httpStatus() == 404 ? new UserWriteResult(0, id, null) : new UserWriteResult(0, id, e.error());
        }
    }

    // ---- groups and memberships ----

    @Override
    public List<ZendeskGroup> groups() {
        List<ZendeskGroup> out = new ArrayList<>();
        for (JsonNode g : cursorPages("api/v2/groups", "groups", q -> q.addQueryParameter("exclude_deleted", "true"))) {
            ZendeskGroup group = UserJson.group(g);
            if (!group.deleted()) {
                out.add(group);
            }
        }
        return out;
    }

    /**
     * Creates a group; when the outcome is unknown (5xx, lost connection, timeout) it is settled before anything is
     * sent again: group names are not unique in Zendesk, so a blind repeat could make a twin. After a backoff (so a
     * late write has landed) the name is looked up; a group of that name is the one the lost attempt made (the
     * engine creates only names it found nowhere), otherwise the create is sent again, up to the client's attempts.
     */
    @Override
    public ZendeskGroup createGroup(String name, String description) {
        ObjectNode body = groupBody(name, description);
        for (int attempt = 1; ; attempt++) {
            try {
                return UserJson.group(http.post(http.url("api/v2/groups"), body).path("group"));
            } catch (ZendeskException e) {
                if (!outcomeUnknown(e) || attempt >= maxAttempts) {
                    throw e;
                }
                int n = attempt;
                LOG.warning(() -> "Creating Zendesk group '" + name + "' ended without a known outcome ("
                        + e.error().code() + "); looking the name up before attempt " + (n + 1) + " of " + maxAttempts);
                pauseBeforeRetry(attempt);
                Optional<ZendeskGroup> made = groupNamed(name);
                if (made.isPresent()) {
                    return made.get();
                }
            }
        }
    }

    /** The newest live group of exactly this name (case-insensitive, as Zendesk compares names), if any. */
    private Optional<ZendeskGroup> groupNamed(String name) {
        return groups().stream().filter(g -> g.name() != null && g.name().equalsIgnoreCase(name))
                .max(java.util.Comparator.comparingLong(ZendeskGroup::id));
    }

    /** A 5xx or a failure of the connection: Zendesk may or may not have applied the request. */
    private static boolean outcomeUnknown(ZendeskException e) {
        return e.error().httpStatus() >= 500 || e.error().httpStatus() == 0 && "NetworkError".equals(e.error().code());
    }

    private void pauseBeforeRetry(int attempt) {
        try {
            retry.pause(attempt);
        } catch (java.io.InterruptedIOException interrupted) {
            throw new ZendeskException(new ZendeskError(0, "Interrupted", "interrupted while settling a Zendesk write",
                    List.of(), true), interrupted);
        }
    }

    @Override
    public ZendeskGroup updateGroup(long id, String name, String description) {
        return UserJson.group(http.put(http.url("api/v2/groups", q -> q.addPathSegment(Long.toString(id))),
                groupBody(name, description)).path("group"));
    }

    /** A group already gone (404: deleted by an earlier attempt whose answer was lost, or by hand) counts as deleted. */
    @Override
    public void deleteGroup(long id) {
        try {
            http.delete(http.url("api/v2/groups", q -> q.addPathSegment(Long.toString(id))));
        } catch (ZendeskException e) {
            if (e.error().httpStatus() != 404) {
                throw e;
            }
        }
    }

    private ObjectNode groupBody(String name, String description) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a Zendesk group needs a name");
        }
        ObjectNode body = http.mapper().createObjectNode();
        ObjectNode group = body.putObject("group");
        group.put("name", name);
        if (description != null) {
            group.put("description", description);
        }
        return body;
    }

    @Override
    public List<GroupMembership> groupMemberships(long groupId) {
        List<GroupMembership> out = new ArrayList<>();
        for (JsonNode m : cursorPages("api/v2/groups/" + groupId + "/memberships", "group_memberships", q -> q)) {
            out.add(UserJson.membership(m));
        }
        return out;
    }

    @Override
    public List<MembershipWriteResult> createMemberships(List<GroupMembership> memberships) {
        MembershipWriteResult[] results = new MembershipWriteResult[memberships.size()];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < memberships.size(); i++) {
            all.add(i);
        }
        for (List<Integer> batch : chunks(all, BATCH)) {
            try {
                ArrayNode array = http.mapper().createArrayNode();
                for (int i : batch) {
                    ObjectNode item = array.addObject();
                    item.put("user_id", memberships.get(i).userId());
                    item.put("group_id", memberships.get(i).groupId());
                }
                ObjectNode body = http.mapper().createObjectNode();
                body.set("group_memberships", array);
                JsonNode job = jobs.awaitCompletion(http.post(http.url("api/v2/group_memberships/create_many"), body,
                        RepeatSafe.MEMBERSHIPS));
                mapJobResults(job.path("results"), batch, results, MembershipWriteResult::new);
            } catch (ZendeskException e) {
                failAll(batch, e, results, (i, err) -> new MembershipWriteResult(i, null, err));
            }
        }
        return List.of(results);
    }

    /** What one {@code job_statuses} result item becomes: the object's id, or Zendesk's error for it. */
    private interface JobItemResult<R> {
        R of(int index, Long id, ZendeskError error);
    }

    /** Maps a bulk job's result items (by their {@code index}, else their position) onto the batch's slots. */
    private static <R> void mapJobResults(JsonNode items, List<Integer> batch, R[] results, JobItemResult<R> result) {
        for (int pos = 0; pos < items.size(); pos++) {
            JsonNode item = items.get(pos);
            int local = item.hasNonNull("index") ? item.get("index").asInt() : pos;
            if (local < 0 || local >= batch.size()) {
                continue;
            }
            int i = batch.get(local);
            if (failed(item)) {
                results[i] = result.of(i, null, ZendeskErrors.fromJobItem(item));
            } else if (item.hasNonNull("id")) {
                results[i] = result.of(i, item.get("id").asLong(), null);
            }
        }
        for (int i : batch) {
            if (results[i] == null) {
                results[i] = result.of(i, null, noResult());
            }
        }
    }

    @Override
    public void deleteMemberships(List<Long> membershipIds) {
        for (List<Long> batch : chunks(new ArrayList<>(new LinkedHashSet<>(membershipIds)), BATCH)) {
            String joined = String.join(",", batch.stream().map(String::valueOf).toList());
            // Items Zendesk reports as not found are already gone, which is what was asked.
            jobs.awaitCompletion(http.delete(http.url("api/v2/group_memberships/destroy_many",
                    q -> q.addQueryParameter("ids", joined))));
        }
    }

    // ---- organizations ----

    @Override
    public List<ZendeskOrganization> organizations() {
        List<ZendeskOrganization> out = new ArrayList<>();
        for (JsonNode o : cursorPages("api/v2/organizations", "organizations", q -> q)) {
            out.add(UserJson.organization(o));
        }
        return out;
    }

    @Override
    public List<OrganizationWriteResult> createOrganizations(List<String> names) {
        OrganizationWriteResult[] results = new OrganizationWriteResult[names.size()];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            all.add(i);
        }
        for (List<Integer> batch : chunks(all, BATCH)) {
            try {
                ArrayNode array = http.mapper().createArrayNode();
                for (int i : batch) {
                    array.addObject().put("name", names.get(i));
                }
                ObjectNode body = http.mapper().createObjectNode();
                body.set("organizations", array);
                JsonNode job = jobs.awaitCompletion(http.post(http.url("api/v2/organizations/create_many"), body,
                        RepeatSafe.ORGANIZATIONS));
                mapJobResults(job.path("results"), batch, results, OrganizationWriteResult::new);
            } catch (ZendeskException e) {
                failAll(batch, e, results, (i, err) -> new OrganizationWriteResult(i, null, err));
            }
        }
        return List.of(results);
    }

    @Override
    public Optional<ZendeskOrganization> organizationByName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an organization name is needed to search Zendesk organizations");
        }
        JsonNode answer = http.get(http.url("api/v2/organizations/search", q -> q.addQueryParameter("name", name.trim())));
        for (JsonNode o : answer.path("organizations")) {
            if (o.path("name").asText().trim().equalsIgnoreCase(name.trim())) {
                return Optional.of(UserJson.organization(o));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<CustomRole> customRoles() {
        List<CustomRole> out = new ArrayList<>();
        http.get(http.url("api/v2/custom_roles")).path("custom_roles").forEach(r -> out.add(UserJson.customRole(r)));
        return out;
    }

    @Override
    public RequestStats requestStats() {
        return counter.stats();
    }

    @Override
    public RequestStats requestStatsOnThisThread() {
        return counter.statsOnThisThread();
    }

    /** Releases the connection pool and dispatcher threads. */
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    // ---- helpers ----

    /** Every record of a cursor-paginated list; the next page is asked by {@code after_cursor}. */
    private List<JsonNode> cursorPages(String path, String key, UnaryOperator<HttpUrl.Builder> extra) {
        List<JsonNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String after = null;
        do {
            String cursor = after;
            JsonNode page = http.get(http.url(path, q -> {
                extra.apply(q).addQueryParameter("page[size]", Integer.toString(BATCH));
                if (cursor != null) {
                    q.addQueryParameter("page[after]", cursor);
                }
                return q;
            }));
            page.path(key).forEach(out::add);
            JsonNode meta = page.path("meta");
            after = meta.path("has_more").asBoolean(false) ? meta.path("after_cursor").asText(null) : null;
            if (after != null && !seen.add(after)) {
                throw new ZendeskException(new ZendeskError(0, "PaginationLoop",
                        "Zendesk returned the same cursor twice while listing " + key, List.of(), true));
            }
        } while (after != null);
        return out;
    }

    private boolean bulkImportsAreOff(ZendeskException e) {
        if (e.error().httpStatus() == 403 && !e.credentialsRejected()) {
            if (bulkImportsOff.compareAndSet(false, true)) {
                LOG.info("Zendesk answered 403 to a bulk user call (bulk imports are off for this account); "
                        + "writing users one request at a time from now on");
            }
            return true;
        }
        return false;
    }

    private static void throwIfCredentials(ZendeskException e) {
        if (e.credentialsRejected()) {
            throw e;
        }
    }

    private static <R> void failAll(List<Integer> batch, ZendeskException e, R[] results,
                                    java.util.function.BiFunction<Integer, ZendeskError, R> result) {
        throwIfCredentials(e);
        for (int i : batch) {
            results[i] = result.apply(i, e.error());
        }
    }

    private static boolean failed(JsonNode item) {
        return item.hasNonNull("error") || !item.path("success").asBoolean(true);
    }

    private static ZendeskError noResult() {
        return new ZendeskError(0, "NoResult", "Zendesk's job finished without a result for this record", List.of(), true);
    }

    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return out;
    }

    /** Settings for a {@link ZendeskClient}; only the address and the credentials are required. */
    public static final class Builder {
        private String baseUrl;
        private ZendeskSubdomain subdomain;
        private ZendeskCredentials credentials;
        private int requestsPerMinute = 700;
        private RateLimitGate gate;
        private RetryAfterWindow window = RetryAfterWindow.inProcess();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.real();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private int maxAttempts = 4;
        private int maxThrottledAttempts = 5;
        private Duration maxThrottleWait = Duration.ofMinutes(2);
        private Duration retryBaseDelay = Duration.ofMillis(500);
        private Duration retryMaxDelay = Duration.ofSeconds(15);
        private Duration jobPollInterval = Duration.ofSeconds(1);
        private Duration jobTimeout = Duration.ofMinutes(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private final List<Interceptor> networkInterceptors = new ArrayList<>();

        private Builder() {
        }

        /** {@code https://{subdomain}.zendesk.com}, validated. */
        public Builder subdomain(String subdomain) {
            this.subdomain = ZendeskSubdomain.of(subdomain);
            return this;
        }

        public Builder subdomain(ZendeskSubdomain subdomain) {
            this.subdomain = Objects.requireNonNull(subdomain);
            return this;
        }

        /** Overrides the subdomain's address (simulators, tests): an http(s) URL without query. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder credentials(ZendeskCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials);
            return this;
        }

        /** The most requests this client sends in any minute (Zendesk plans allow 200 to 2,500; default 700). */
        public Builder requestsPerMinute(int requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
            return this;
        }

        /**
         * The pacing shared with the process's other Zendesk clients (one gate per process); when set, it replaces
         * {@link #requestsPerMinute(int)} and {@link #retryAfterWindow(RetryAfterWindow)}.
         */
        public Builder rateLimitGate(RateLimitGate gate) {
            this.gate = Objects.requireNonNull(gate);
            return this;
        }

        /** Where this client's own gate keeps Retry-After windows (default: this client only). */
        public Builder retryAfterWindow(RetryAfterWindow window) {
            this.window = Objects.requireNonNull(window);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** Source of jitter in [0, 1). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Attempts for a safe request that meets a 5xx or an I/O error (default 4). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Sends of one request that may meet a 429 before the 429 is reported (default 5). */
        public Builder maxThrottledAttempts(int attempts) {
            this.maxThrottledAttempts = attempts;
            return this;
        }

        /** The longest Retry-After a caller's thread waits out; beyond it the caller gets a Throttled error. */
        public Builder maxThrottleWait(Duration maxWait) {
            this.maxThrottleWait = Objects.requireNonNull(maxWait);
            return this;
        }

        public Builder retryDelays(Duration base, Duration max) {
            this.retryBaseDelay = Objects.requireNonNull(base);
            this.retryMaxDelay = Objects.requireNonNull(max);
            return this;
        }

        public Builder jobPolling(Duration firstInterval, Duration timeout) {
            this.jobPollInterval = Objects.requireNonNull(firstInterval);
            this.jobTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = Objects.requireNonNull(connect);
            this.readTimeout = Objects.requireNonNull(read);
            return this;
        }

        /** An OkHttp network interceptor (tests capture exchanges with one). */
        public Builder addNetworkInterceptor(Interceptor interceptor) {
            networkInterceptors.add(Objects.requireNonNull(interceptor));
            return this;
        }

        public ZendeskClient build() {
            if (credentials == null) {
                throw new IllegalStateException("Zendesk credentials are required: an API token, an OAuth client or an access token");
            }
            if (requestsPerMinute < 1) {
                throw new IllegalStateException("requestsPerMinute must be at least 1");
            }
            return new ZendeskClient(this, base());
        }

        private HttpUrl base() {
            if (baseUrl != null) {
                HttpUrl url = HttpUrl.parse(baseUrl.trim());
                if (url == null || url.query() != null || url.fragment() != null) {
                    throw new IllegalStateException("The Zendesk base URL must be an http(s) address without query, "
                            + "e.g. https://my-tenant.zendesk.com");
                }
                return url.newBuilder().encodedPath("/").build();
            }
            if (subdomain == null) {
                throw new IllegalStateException("Set the Zendesk subdomain (or a base URL for simulators and tests)");
            }
            return HttpUrl.get(subdomain.baseUrl());
        }
    }
}
