package io.github.zendeskprovisioning.adapters.entra;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import com.microsoft.graph.models.AppRoleAssignment;
import com.microsoft.graph.models.AppRoleAssignmentCollectionResponse;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.GroupCollectionResponse;
import com.microsoft.graph.models.ServicePrincipal;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraGroup;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.directory.GroupChange;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.directory.UserChange;
import io.github.zendeskprovisioning.engine.ports.EntraSource;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link EntraSource} on the Microsoft Graph SDK v6. One port call is one Graph page: users/delta and
 * groups/delta with only the attributes the engine maps, appRoleAssignedTo, group members. Partial delta items
 * are completed through {@code $batch} (20 steps of {@code id in (...)} filters, 15 ids each). Any error, a
 * throttled request that never recovers, or a page that cannot be trusted throws {@link EntraReadException}: a
 * read never returns less than Graph holds.
 *
 * <p>Page tokens are Graph's absolute links, checked against the base URL before use. A round started from
 * scratch marks its {@code nextPageToken}s with {@value #FULL_ROUND}: Graph returns every selected property in
 * such a round, while an incremental round may send only what changed, so only there are users with missing
 * attributes read again.
 */
public final class GraphEntraSource implements EntraSource {
    public static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";
    static final String FULL_ROUND = "full:";
    /** Graph caps delta pages itself; asking for the most means as few round trips as Graph allows. */
    private static final String MAX_PAGE = "odata.maxpagesize=999";
    private static final int MAX_TOP = 999;
    private static final int IDS_PER_FILTER = 15;
    private static final String[] GROUP_SELECT = {"id", "displayName", "description"};
    private static final String[] GROUP_DELTA_SELECT = {"id", "displayName", "description", "members"};
    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final GraphServiceClient graph;
    private final PageLinks links;
    private final BatchReader batches;
    private final RequestCounter counter;
    private final UserFields userFields;

    private GraphEntraSource(Builder b) {
        this.userFields = b.userFields;
        URI base = checkedBase(b.baseUrl);
        this.counter = new RequestCounter();
        this.graph = GraphPipeline.client(base, Objects.requireNonNull(b.credential, "a Graph credential is required"),
                b.retryPolicy, b.sleeper, b.window, b.clock, counter, b.readTimeout);
        this.links = new PageLinks(base);
        this.batches = new BatchReader(graph, b.retryPolicy, b.sleeper, b.window, b.clock);
    }

    /** A reader for this base URL ({@code https://graph.microsoft.com/v1.0}, or a simulator's) and credential. */
    public static GraphEntraSource create(String baseUrl, GraphCredential credential) {
        return builder().baseUrl(baseUrl).credential(credential).build();
    }

    /**
     * From the app settings: {@code GRAPH_BASE_URL} (optional), {@code GRAPH_ACCESS_TOKEN} (optional fixed token),
     * else azure-identity's DefaultAzureCredential (managed identity in Azure).
     */
    public static GraphEntraSource fromSettings(Map<String, String> settings) {
        String baseUrl = settings.getOrDefault("GRAPH_BASE_URL", "");
        String token = settings.getOrDefault("GRAPH_ACCESS_TOKEN", "");
        GraphCredential credential = token.isBlank()
                ? GraphCredential.tokenCredential(new DefaultAzureCredentialBuilder().build())
                : GraphCredential.accessToken(token);
        return create(baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl, credential);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of the reader; only the credential is required. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private GraphCredential credential;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.REAL;
        private RetryAfterWindow window = RetryAfterWindow.inProcess();
        private Clock clock = Clock.systemUTC();
        private UserFields userFields = UserFields.defaults();
        private java.time.Duration readTimeout;

        /** The user attributes the mapping configuration refers to; the reader selects those and what the engine needs. */
        public Builder userAttributes(java.util.Collection<String> referenced) {
            this.userFields = new UserFields(referenced);
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder credential(GraphCredential credential) {
            this.credential = credential;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy);
            return this;
        }

        /** What waits between retries (tests pass one that records instead of sleeping). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /**
         * Where Graph's Retry-After windows are kept: shared with every reader of the process (and, through a
         * {@link io.github.zendeskprovisioning.adapters.retryafter.HostFileWindow}, of the host). Default: this reader only.
         */
        public Builder retryAfterWindow(RetryAfterWindow window) {
            this.window = Objects.requireNonNull(window);
            return this;
        }

        /** The clock the Retry-After windows are measured on (tests pass a manual one with a sleeper that moves it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How long one Graph answer may take before the attempt counts as a lost connection (default: the SDK's). */
        public Builder readTimeout(java.time.Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout);
            return this;
        }

        public GraphEntraSource build() {
            return new GraphEntraSource(this);
        }
    }

    // ---- app roles and assignments ----

    @Override
    public List<AppRole> appRoles(String servicePrincipalId) {
        String id = guid(servicePrincipalId, "service principal id");
        ServicePrincipal sp = call("servicePrincipal appRoles", () -> graph.servicePrincipals().byServicePrincipalId(id)
                .get(rc -> rc.queryParameters.select = new String[]{"id", "appRoles"}));
        if (sp == null || sp.getAppRoles() == null) throw invalid("servicePrincipal appRoles", "no appRoles");
        List<AppRole> roles = new ArrayList<>();
        for (com.microsoft.graph.models.AppRole role : sp.getAppRoles()) {
            if (role.getId() == null) throw invalid("servicePrincipal appRoles", "an app role without id");
            roles.add(new AppRole(role.getId().toString(), role.getValue(), role.getDisplayName(),
                    Boolean.TRUE.equals(role.getIsEnabled())));
        }
        return roles;
    }

    @Override
    public Page<Assignment> assignments(String servicePrincipalId, String pageToken) {
        String read = "appRoleAssignedTo";
        String id = guid(servicePrincipalId, "service principal id");
        var assignedTo = graph.servicePrincipals().byServicePrincipalId(id).appRoleAssignedTo();
        AppRoleAssignmentCollectionResponse page = call(read, () -> pageToken == null
                ? assignedTo.get(rc -> rc.queryParameters.top = MAX_TOP)
                : assignedTo.withUrl(links.check(pageToken, read)).get());
        if (page == null || page.getValue() == null) throw invalid(read, "no value array");
        List<Assignment> items = new ArrayList<>(page.getValue().size());
        for (AppRoleAssignment a : page.getValue()) {
            if (a.getId() == null || a.getPrincipalId() == null || a.getAppRoleId() == null) {
                throw invalid(read, "an assignment without id, principalId or appRoleId");
            }
            items.add(new Assignment(a.getId(), a.getPrincipalId().toString(), principalType(a.getPrincipalType(), read),
                    a.getAppRoleId().toString(), a.getPrincipalDisplayName()));
        }
        return new Page<>(items, page.getOdataNextLink(), null);
    }

    private static PrincipalType principalType(String type, String read) {
        if ("User".equals(type)) return PrincipalType.USER;
        if ("Group".equals(type)) return PrincipalType.GROUP;
        if ("ServicePrincipal".equals(type)) return PrincipalType.SERVICE_PRINCIPAL;
        throw invalid(read, "an assignment with an unknown principalType");
    }

    // ---- delta ----

    @Override
    public Page<UserChange> userChanges(String pageToken) {
        String read = "users/delta";
        boolean fullRound = pageToken == null || pageToken.startsWith(FULL_ROUND);
        var delta = graph.users().delta();
        var page = call(read, () -> pageToken == null
                ? delta.get(rc -> {
                    rc.queryParameters.select = userFields.select();
                    rc.headers.add("Prefer", MAX_PAGE);
                })
                : delta.withUrl(links.check(stripRound(pageToken), read)).get(rc -> rc.headers.add("Prefer", MAX_PAGE)));
        if (page == null || page.getValue() == null) throw invalid(read, "no value array");
        checkDeltaLinks(read, page.getOdataNextLink(), page.getOdataDeltaLink());

        List<UserChange> changes = new ArrayList<>(page.getValue().size());
        List<String> toComplete = new ArrayList<>();
        for (User user : page.getValue()) {
            if (user.getId() == null || user.getId().isBlank()) throw invalid(read, "an item without id");
            Removal removal = DeltaAnnotations.removal(user.getAdditionalData());
            if (removal != Removal.NONE) {
                changes.add(new UserChange(new EntraUser(user.getId(), Map.of()), removal));
            } else if (userFields.readsManager() || (!fullRound && userFields.incomplete(user))) {
                // users/delta names a manager by id only: the manager's name comes with the read by id.
                changes.add(null);
                toComplete.add(user.getId());
            } else {
                changes.add(UserChange.present(userFields.toEntraUser(user)));
            }
        }
        if (!toComplete.isEmpty()) changes = completed(changes, page.getValue(), toComplete);
        return new Page<>(changes, roundToken(page.getOdataNextLink(), fullRound), page.getOdataDeltaLink());
    }

    /** Fills the placeholders with users read again in full; a user gone meanwhile is left out (the next round reports it). */
    private List<UserChange> completed(List<UserChange> changes, List<User> items, List<String> ids) {
        Map<String, EntraUser> full = new HashMap<>();
        for (EntraUser u : usersByIds(ids)) full.put(u.id(), u);
        List<UserChange> result = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i) != null) {
                result.add(changes.get(i));
            } else {
                EntraUser user = full.get(items.get(i).getId());
                if (user != null) result.add(UserChange.present(user));
            }
        }
        return result;
    }

    @Override
    public Page<GroupChange> groupChanges(String pageToken) {
        String read = "groups/delta";
        boolean fullRound = pageToken == null || pageToken.startsWith(FULL_ROUND);
        var delta = graph.groups().delta();
        var page = call(read, () -> pageToken == null
                ? delta.get(rc -> {
                    rc.queryParameters.select = GROUP_DELTA_SELECT;
                    rc.headers.add("Prefer", MAX_PAGE);
                })
                : delta.withUrl(links.check(stripRound(pageToken), read)).get(rc -> rc.headers.add("Prefer", MAX_PAGE)));
        if (page == null || page.getValue() == null) throw invalid(read, "no value array");
        checkDeltaLinks(read, page.getOdataNextLink(), page.getOdataDeltaLink());

        List<Group> items = page.getValue();
        Set<String> toComplete = new LinkedHashSet<>();
        for (Group g : items) {
            if (g.getId() == null || g.getId().isBlank()) throw invalid(read, "an item without id");
            boolean present = DeltaAnnotations.removal(g.getAdditionalData()) == Removal.NONE;
            if (present && !fullRound && (g.getDisplayName() == null || g.getDescription() == null)) toComplete.add(g.getId());
        }
        Map<String, EntraGroup> full = new HashMap<>();
        for (Group g : groupsByIds(toComplete)) full.put(g.getId(), new EntraGroup(g.getId(), g.getDisplayName(), g.getDescription()));

        List<GroupChange> changes = new ArrayList<>(items.size());
        for (Group g : items) {
            Removal removal = DeltaAnnotations.removal(g.getAdditionalData());
            DeltaAnnotations.MemberChanges members = DeltaAnnotations.members(g.getAdditionalData());
            EntraGroup group = removal != Removal.NONE ? new EntraGroup(g.getId(), null, null)
                    : full.getOrDefault(g.getId(), new EntraGroup(g.getId(), g.getDisplayName(), g.getDescription()));
            if (removal == Removal.NONE && toComplete.contains(g.getId()) && !full.containsKey(g.getId())) continue;
            changes.add(new GroupChange(group, removal, members.added(), members.removed()));
        }
        return new Page<>(changes, roundToken(page.getOdataNextLink(), fullRound), page.getOdataDeltaLink());
    }

    private static void checkDeltaLinks(String read, String next, String delta) {
        if ((next == null) == (delta == null)) {
            throw invalid(read, "a delta page needs exactly one of @odata.nextLink and @odata.deltaLink");
        }
    }

    private static String roundToken(String nextLink, boolean fullRound) {
        if (nextLink == null) return null;
        return fullRound ? FULL_ROUND + nextLink : nextLink;
    }

    private static String stripRound(String token) {
        return token.startsWith(FULL_ROUND) ? token.substring(FULL_ROUND.length()) : token;
    }

    // ---- single objects and batches ----

    @Override
    public List<EntraUser> usersByIds(Collection<String> ids) {
        List<RequestInformation> requests = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            String filter = idFilter(chunk);
            requests.add(graph.users().toGetRequestInformation(rc -> {
                rc.queryParameters.filter = filter;
                rc.queryParameters.select = userFields.select();
                rc.queryParameters.expand = userFields.expand();
                rc.queryParameters.top = IDS_PER_FILTER;
            }));
        }
        List<EntraUser> users = new ArrayList<>();
        for (UserCollectionResponse page : batches.getAll("users by id", requests, UserCollectionResponse::createFromDiscriminatorValue)) {
            if (page.getValue() == null) throw invalid("users by id", "no value array");
            for (User u : page.getValue()) {
                if (u.getId() == null) throw invalid("users by id", "an item without id");
                users.add(userFields.toEntraUser(u));
            }
        }
        return users;
    }

    private List<Group> groupsByIds(Collection<String> ids) {
        List<RequestInformation> requests = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            String filter = idFilter(chunk);
            requests.add(graph.groups().toGetRequestInformation(rc -> {
                rc.queryParameters.filter = filter;
                rc.queryParameters.select = GROUP_SELECT;
                rc.queryParameters.top = IDS_PER_FILTER;
            }));
        }
        List<Group> groups = new ArrayList<>();
        for (GroupCollectionResponse page : batches.getAll("groups by id", requests, GroupCollectionResponse::createFromDiscriminatorValue)) {
            if (page.getValue() == null) throw invalid("groups by id", "no value array");
            groups.addAll(page.getValue());
        }
        return groups;
    }

    @Override
    public Optional<EntraUser> user(String id) {
        String userId = guid(id, "user id");
        return Optional.ofNullable(callOrNotFound("user", () -> graph.users().byUserId(userId)
                .get(rc -> {
                    rc.queryParameters.select = userFields.select();
                    rc.queryParameters.expand = userFields.expand();
                }))).map(userFields::toEntraUser);
    }

    @Override
    public Optional<EntraGroup> group(String id) {
        String groupId = guid(id, "group id");
        return Optional.ofNullable(callOrNotFound("group", () -> graph.groups().byGroupId(groupId)
                        .get(rc -> rc.queryParameters.select = GROUP_SELECT)))
                .map(g -> new EntraGroup(g.getId(), g.getDisplayName(), g.getDescription()));
    }

    /** A group that does not exist is an error here, not an empty membership. */
    @Override
    public Page<String> groupMemberIds(String groupId, String pageToken) {
        String read = "group members";
        String id = guid(groupId, "group id");
        var members = graph.groups().byGroupId(id).members();
        DirectoryObjectCollectionResponse page = call(read, () -> pageToken == null
                ? members.get(rc -> {
                    rc.queryParameters.select = new String[]{"id"};
                    rc.queryParameters.top = MAX_TOP;
                })
                : members.withUrl(links.check(pageToken, read)).get());
        if (page == null || page.getValue() == null) throw invalid(read, "no value array");
        List<String> ids = new ArrayList<>();
        for (DirectoryObject member : page.getValue()) {
            if (member.getId() == null) throw invalid(read, "a member without id");
            if (member instanceof User || DeltaAnnotations.USER_TYPE.equals(member.getOdataType())) ids.add(member.getId());
        }
        return new Page<>(ids, page.getOdataNextLink(), null);
    }

    @Override
    public long requestCount() {
        return counter.count();
    }

    @Override
    public long requestCountOnThisThread() {
        return counter.countOnThisThread();
    }

    @Override
    public String toString() {
        return "GraphEntraSource[" + graph.getRequestAdapter().getBaseUrl() + "]";
    }

    // ---- helpers ----

    private static <T> T call(String read, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw ReadFailures.of(read, e);
        }
    }

    private static <T> T callOrNotFound(String read, Supplier<T> request) {
        try {
            return request.get();
        } catch (ODataError e) {
            if (e.getResponseStatusCode() == 404) return null;
            throw ReadFailures.of(read, e);
        } catch (RuntimeException e) {
            throw ReadFailures.of(read, e);
        }
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        distinct.forEach(id -> guid(id, "user or group id"));
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_FILTER) {
            chunks.add(distinct.subList(from, Math.min(from + IDS_PER_FILTER, distinct.size())));
        }
        return chunks;
    }

    private static String idFilter(List<String> ids) {
        return "id in ('" + String.join("','", ids) + "')";
    }

    private static String guid(String id, String what) {
        if (id == null || !GUID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an Entra " + what + " (a GUID is expected)");
        }
        return id.toLowerCase();
    }

    private static EntraReadException invalid(String read, String why) {
        return new EntraReadException("Graph returned a page that cannot be trusted (" + read + ": " + why + ")");
    }

    private static URI checkedBase(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(baseUrl, "the Graph base URL is required"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GRAPH_BASE_URL is not a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equalsIgnoreCase(uri.getHost()));
        if (uri.getHost() == null || !(https || loopbackHttp)) {
            throw new IllegalArgumentException("GRAPH_BASE_URL must be an https URL (plain http only to 127.0.0.1/localhost)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("GRAPH_BASE_URL must not carry a query or fragment");
        }
        return uri;
    }
}
