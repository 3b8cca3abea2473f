package io.github.zendeskprovisioning.adapters.entra;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.GroupCollectionResponse;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.github.zendeskprovisioning.api.DirectorySearch;

import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The console's search for provision on demand: {@code GET /users} and {@code GET /groups} with {@code startswith}
 * filters, which Graph's default queries support on these properties (no ConsistencyLevel header, no $count).
 * An object id is looked up as such. Failures surface as {@code EntraReadException} without URL or token.
 */
public final class GraphDirectorySearch implements DirectorySearch {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String[] USER_SELECT = {"id", "displayName", "mail", "userPrincipalName", "accountEnabled"};
    private static final String[] GROUP_SELECT = {"id", "displayName", "mail"};

    private final GraphServiceClient graph;

    /** {@code window}: Graph's Retry-After, shared with the process's other Graph clients. */
    public GraphDirectorySearch(String baseUrl, GraphCredential credential, RetryAfterWindow window) {
        URI base = URI.create(baseUrl);
        this.graph = GraphPipeline.client(base, credential, RetryPolicy.defaults(), Sleeper.REAL, window,
                Clock.systemUTC(), new RequestCounter());
    }

    @Override
    public List<Match> find(String text, int top) {
        String filter = GUID.matcher(text).matches() ? "id eq '" + text + "'" : null;
        String literal = text.replace("'", "''");
        String userFilter = filter != null ? filter : "startswith(displayName,'" + literal + "') or startswith(mail,'" + literal
                + "') or startswith(userPrincipalName,'" + literal + "')";
        String groupFilter = filter != null ? filter : "startswith(displayName,'" + literal + "') or startswith(mail,'" + literal + "')";
        List<Match> found = new ArrayList<>();
        UserCollectionResponse users = read("users search", () -> graph.users().get(rc -> {
            rc.queryParameters.filter = userFilter;
            rc.queryParameters.select = USER_SELECT;
            rc.queryParameters.top = top;
        }));
        if (users != null && users.getValue() != null) {
            for (User u : users.getValue()) {
                found.add(new Match("user", u.getId(), u.getDisplayName(), u.getMail() != null ? u.getMail() : u.getUserPrincipalName(),
                        u.getAccountEnabled()));
            }
        }
        GroupCollectionResponse groups = read("groups search", () -> graph.groups().get(rc -> {
            rc.queryParameters.filter = groupFilter;
            rc.queryParameters.select = GROUP_SELECT;
            rc.queryParameters.top = top;
        }));
        if (groups != null && groups.getValue() != null) {
            for (Group g : groups.getValue()) found.add(new Match("group", g.getId(), g.getDisplayName(), g.getMail(), null));
        }
        return found;
    }

    private static <T> T read(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw ReadFailures.of(what, e);
        }
    }
}
