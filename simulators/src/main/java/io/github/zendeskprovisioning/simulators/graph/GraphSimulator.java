package io.github.zendeskprovisioning.simulators.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful Microsoft Graph v1.0 on 127.0.0.1 for the identity reads the provisioning service makes: users,
 * groups, members, delta (with {@code @removed} and {@code members@delta}), service principals with app roles
 * and {@code appRoleAssignedTo}, deleted users and {@code $batch}; answered like Graph, errors in Graph's
 * envelope, 401 without the accepted bearer token. The Java methods below seed and change the tenant, switch
 * faults on, and show what was asked.
 *
 * <pre>{@code
 * try (GraphSimulator graph = GraphSimulator.withToken("test-token").start()) {
 *     SampleTenant t = graph.seedSample();
 *     graph.disableUser(t.user("bruno"));
 *     // point the client at graph.baseUrl()
 * }
 * }</pre>
 */
public final class GraphSimulator implements AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final GraphTenant tenant = new GraphTenant(mapper);
    private final FaultPlan faults = new FaultPlan();
    /** The most recent requests only, so a long-running simulator does not grow without bound. */
    private static final int LOG_LIMIT = 100_000;
    private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();
    private final AtomicLong requestCount = new AtomicLong();
    private final String acceptedToken;
    private volatile boolean permissionsDenied;
    private volatile Clock clock = Clock.systemUTC();
    private HttpServer server;
    private ExecutorService executor;

    private GraphSimulator(String acceptedToken) {
        if (acceptedToken == null || acceptedToken.isBlank()) throw new IllegalArgumentException("the accepted token must not be blank");
        this.acceptedToken = acceptedToken;
    }

    /** A simulator that accepts {@code Authorization: Bearer <acceptedToken>} and nothing else. */
    public static GraphSimulator withToken(String acceptedToken) {
        return new GraphSimulator(acceptedToken);
    }

    /** The clock that stamps the request log (a test's manual clock); set before {@link #start()}. */
    public GraphSimulator clock(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock);
        return this;
    }

    public GraphSimulator start() {
        return start(0);
    }

    /** Starts on 127.0.0.1 at this port (0: a free one). */
    public synchronized GraphSimulator start(int port) {
        if (server != null) throw new IllegalStateException("already started");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1:" + port, e);
        }
        GraphApi api = new GraphApi(tenant, this::baseUrl);
        server.createContext("/", new GraphHttpHandler(mapper, api, faults,
                () -> new GraphHttpHandler.AccessRules(acceptedToken, permissionsDenied), this::record, () -> clock));
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "graph-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT/v1.0}, what a client uses in place of {@code https://graph.microsoft.com/v1.0}. */
    public String baseUrl() {
        HttpServer s = server;
        if (s == null) throw new IllegalStateException("not started");
        return "http://127.0.0.1:" + s.getAddress().getPort() + "/v1.0";
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    // ---- seeding ----

    /** A small tenant: six users, two groups, the Zendesk service principal with roles and assignments. */
    public SampleTenant seedSample() {
        return TenantSeeds.sample(tenant);
    }

    /** A big deterministic tenant (same seed, same ids and attributes) for benchmarks. */
    public GeneratedTenant generate(int users, long seed) {
        return TenantSeeds.generate(tenant, users, seed);
    }

    /** The three role-bearing app roles the Zendesk gallery app publishes (end-user, agent, admin). */
    public static List<SimAppRole> zendeskAppRoles() {
        return TenantSeeds.zendeskRoles();
    }

    public void createServicePrincipal(String id, String displayName, List<SimAppRole> appRoles) {
        tenant.createServicePrincipal(id, displayName, appRoles);
    }

    /** Creates a user with Graph property names ({@code displayName}, {@code mail}, ...); a null id makes one. */
    public String createUser(String id, Map<String, Object> properties) {
        return tenant.createUser(id, properties);
    }

    public void updateUser(String id, Map<String, Object> changes) {
        tenant.updateUser(id, changes);
    }

    /** Sets a user's manager (null removes it); Graph answers it through {@code $expand=manager}. */
    public void setManager(String userId, String managerId) {
        tenant.setManager(userId, managerId);
    }

    public void disableUser(String id) {
        tenant.updateUser(id, Map.of("accountEnabled", false));
    }

    public void enableUser(String id) {
        tenant.updateUser(id, Map.of("accountEnabled", true));
    }

    /** Moves the user to the recycle bin (delta: {@code @removed} reason {@code changed}). */
    public void softDeleteUser(String id) {
        tenant.softDeleteUser(id);
    }

    public void restoreUser(String id) {
        tenant.restoreUser(id);
    }

    /** Deletes the user for good (delta: {@code @removed} reason {@code deleted}). */
    public void hardDeleteUser(String id) {
        tenant.hardDeleteUser(id);
    }

    public String createGroup(String id, String displayName, String description) {
        return tenant.createGroup(id, displayName, description);
    }

    public void updateGroup(String id, Map<String, Object> changes) {
        tenant.updateGroup(id, changes);
    }

    public void deleteGroup(String id) {
        tenant.deleteGroup(id);
    }

    public void addMember(String groupId, String memberId) {
        tenant.addMember(groupId, memberId);
    }

    public void removeMember(String groupId, String memberId) {
        tenant.removeMember(groupId, memberId);
    }

    /** Assigns a user, group or service principal to the app with this role; returns the assignment id. */
    public String assign(String servicePrincipalId, String principalId, String appRoleId) {
        return tenant.assign(servicePrincipalId, principalId, appRoleId);
    }

    /** Removes every assignment of a user or group to the app (as removing it from "Users and groups" does). */
    public int unassignPrincipal(String servicePrincipalId, String principalId) {
        return tenant.unassignPrincipal(servicePrincipalId, principalId);
    }

    public void unassign(String servicePrincipalId, String assignmentId) {
        tenant.unassign(servicePrincipalId, assignmentId);
    }

    // ---- faults and observation ----

    public FaultPlan faults() {
        return faults;
    }

    /** While true, every request with the right token gets 403 Authorization_RequestDenied (missing consent). */
    public void denyPermissions(boolean denied) {
        this.permissionsDenied = denied;
    }

    /** Every HTTP request and every {@code $batch} step answered so far (the last 100,000), in order. */
    public List<RecordedRequest> requestLog() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** HTTP requests answered so far (a {@code $batch} counts once). */
    public long requestCount() {
        return requestCount.get();
    }

    /** Empties the tenant, the change log, the faults and the request log. */
    public void reset() {
        tenant.clear();
        faults.clear();
        permissionsDenied = false;
        synchronized (requests) {
            requests.clear();
        }
        requestCount.set(0);
    }

    private void record(RecordedRequest request) {
        if (!request.batchStep()) requestCount.incrementAndGet();
        synchronized (requests) {
            if (requests.size() == LOG_LIMIT) requests.removeFirst();
            requests.addLast(request);
        }
    }
}
