package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.engine.target.UserWriteResult;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens, client secrets and access tokens never reach a log line, an exception message or a toString. */
class NoSecretsInLogsOrErrorsTest {
    private static final String BAD_TOKEN = "bad-token-4f9a8e";
    private static final String BAD_SECRET = "bad-secret-77c1d2";
    private static final String BEARER = "fixed-bearer-9e0b3c";

    private final ZendeskFixture z = new ZendeskFixture();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final List<Logger> loggers = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        handler.setLevel(Level.ALL);
        for (String name : List.of("", "io.github.zendeskprovisioning", "okhttp3")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.ALL);
            logger.addHandler(handler);
            loggers.add(logger);
        }
    }

    @AfterEach
    void release() {
        loggers.forEach(l -> {
            l.removeHandler(handler);
            l.setLevel(null);
        });
        Logger.getLogger("").setLevel(Level.INFO);
        z.close();
    }

    @Test
    void noSecretAppearsInAnyLogLineExceptionMessageOrToString() {
        List<String> messages = new ArrayList<>();
        z.sim.addBearerToken(BEARER, "admin@example.com");
        // Collect the access tokens the simulator issues, as they go over the wire.
        ZendeskClient oauth = z.builder(ZendeskFixture.oauthClient()).addNetworkInterceptor(chain -> {
            String auth = chain.request().header("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                accessTokens.add(auth.substring(7));
            }
            return chain.proceed(chain.request());
        }).build();
        oauth.currentUser();
        z.sim.revokeIssuedTokens();
        oauth.currentUser();
        z.clock.advance(Duration.ofHours(1));
        oauth.createUsers(ZendeskClientUsersTest.people(2));

        ZendeskClient api = z.client();
        z.sim.failNextRequests(2, 503);
        api.customRoles();
        z.sim.throttleFor(Duration.ofSeconds(20));
        api.currentUser();
        z.sim.dropNextConnections(1);
        for (UserWriteResult r : api.createUsers(ZendeskClientUsersTest.people(1))) {
            messages.add(String.valueOf(r.error()));
        }
        z.sim.bulkImports(false);
        for (UserWriteResult r : api.createUsers(ZendeskClientUsersTest.people(2))) {
            messages.add(String.valueOf(r.error()));
        }
        z.sim.bulkImports(true);
        z.builder(ZendeskCredentials.bearerToken(BEARER)).build().currentUser();

        messages.add(failure(() -> z.builder(ZendeskCredentials.apiToken("admin@example.com", BAD_TOKEN)).build().currentUser()));
        messages.add(failure(() -> z.builder(ZendeskCredentials.oauthClient(ZendeskSimulator.SEED_OAUTH_CLIENT_ID, BAD_SECRET))
                .build().currentUser()));
        messages.add(failure(() -> z.builder(ZendeskCredentials.bearerToken(BAD_TOKEN + "-bearer")).build().groups()));
        messages.add(ZendeskCredentials.apiToken("admin@example.com", BAD_TOKEN).toString());
        messages.add(ZendeskCredentials.oauthClient("id", BAD_SECRET).toString());
        messages.add(ZendeskCredentials.bearerToken(BEARER).toString());
        messages.add(ZendeskFixture.apiToken().toString());
        messages.add(ZendeskFixture.oauthClient().toString());

        assertFalse(accessTokens.isEmpty(), "the OAuth flow ran");
        assertFalse(logLines.isEmpty(), "the scenario logged something to check");
        List<String> secrets = new ArrayList<>(List.of(BAD_TOKEN, BAD_SECRET, BEARER, ZendeskSimulator.SEED_API_TOKEN,
                ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET,
                Base64.getEncoder().encodeToString(("admin@example.com/token:" + ZendeskSimulator.SEED_API_TOKEN).getBytes())));
        secrets.addAll(accessTokens);
        List<String> everything = new ArrayList<>(logLines);
        everything.addAll(messages);
        for (String text : everything) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "a secret leaked into: " + text);
            }
        }
        assertTrue(messages.stream().anyMatch(m -> m.contains("Couldn't authenticate you")));
    }

    /** The message of the failure and of each of its causes. */
    private static String failure(Runnable call) {
        try {
            call.run();
        } catch (ZendeskException e) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                all.append(t).append(" | ");
            }
            return all.toString();
        }
        throw new AssertionError("expected a ZendeskException");
    }
}
