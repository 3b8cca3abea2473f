package io.github.zendeskprovisioning.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code serve} host on a free port, spoken to over a plain socket (so the test controls every header,
 * Host included, and how much of a body it sends): what a web page or a rebound DNS name could send is refused.
 */
class LocalHostSecurityTest {
    private static final String KEY = "k3y-for-this-test-0123456789abcdef";
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
    private SimulatedWorld world;
    private Product product;
    private LocalHost host;

    record Reply(int status, Map<String, String> headers, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        world = SimulatedWorld.demo(0);
        world.zendesk().jobPollsBeforeCompletion(0);
        product = Wiring.build(world.settings(), InMemoryStateStores.create(), ProvisioningObserver.NONE);
        host = new LocalHost(product, 0, false, ServeKey.configuredOrGenerated(KEY), printed::add).start();
    }

    @AfterEach
    void stop() {
        host.close();
        product.close();
        world.close();
    }

    private Map<String, String> headers(String... pairs) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + host.port());
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) h.remove(pairs[i]); else h.put(pairs[i], pairs[i + 1]);
        }
        return h;
    }

    private Reply send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        return send(method, target, headers, body, body == null ? 0 : body.length);
    }

    /** Sends the head and the first {@code sendBytes} of the body, then reads the whole reply. */
    private Reply send(String method, String target, Map<String, String> headers, byte[] body, int sendBytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(method + " /api/provisioning/" + target + " HTTP/1.1\r\n");
            Map<String, String> h = new LinkedHashMap<>(headers);
            if (body != null && !h.containsKey("Transfer-Encoding")) h.putIfAbsent("Content-Length", String.valueOf(body.length));
            h.put("Connection", "close");
            h.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body, 0, sendBytes);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads the head and exactly Content-Length bytes: the host need not close first (it may be draining an unread body). */
    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("the host closed the connection before a full reply head: " + head);
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private JsonNode errorBody(Reply r) throws IOException {
        assertTrue(r.headers().get("content-type").startsWith("application/json"), r.headers().toString());
        JsonNode b = json.readTree(r.body());
        assertFalse(b.path("error").asText().isBlank(), r.body());
        assertFalse(b.path("message").asText().isBlank(), r.body());
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theKeyInTheFunctionsKeyHeaderOrTheCodeQueryIsLetThrough() throws IOException {
        assertEquals(200, send("GET", "status", headers("x-functions-key", KEY), null).status());
        assertEquals(200, send("GET", "status?code=" + KEY, headers(), null).status());
        assertEquals(200, send("GET", "status", headers("Host", "localhost:" + host.port(), "x-functions-key", KEY), null).status());
        assertEquals(200, send("GET", "status", headers("Host", "[::1]", "x-functions-key", KEY), null).status());
    }

    @Test
    void aRequestWithoutTheKeyOrWithAWrongOneGets401OnEveryRoute() throws IOException {
        for (String route : List.of("status", "logs", "nowhere")) {
            Reply none = send("GET", route, headers(), null);
            assertEquals(401, none.status(), route);
            assertEquals("Unauthorized", errorBody(none).path("error").asText());
        }
        Reply wrong = send("POST", "approve-deletions", headers("x-functions-key", KEY + "x"), null);
        assertEquals(401, wrong.status());
        assertEquals(401, send("GET", "status?code=" + KEY.substring(1), headers(), null).status());
        assertFalse(product.stores().cycles().jobState().deletionsApproved(), "nothing was approved");
    }

    @Test
    void aHostThatIsNotALoopbackNameGets403EvenWithTheKey() throws IOException {
        for (String foreign : List.of("evil.example", "evil.example:" + 7071, "127.0.0.1.evil.example", "localhost.evil.example:80")) {
            Reply r = send("POST", "approve-deletions", headers("Host", foreign, "x-functions-key", KEY), null);
            assertEquals(403, r.status(), foreign);
            assertEquals("ForeignHost", errorBody(r).path("error").asText());
        }
        assertFalse(product.stores().cycles().jobState().deletionsApproved(), "a rebound DNS name drove nothing");
    }

    @Test
    void aForeignOriginGets403AndServesOwnOriginIsAnswered() throws IOException {
        for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1:" + host.port())) {
            Reply r = send("POST", "approve-deletions", headers("Origin", origin, "x-functions-key", KEY), null);
            assertEquals(403, r.status(), origin);
            assertEquals("ForeignOrigin", errorBody(r).path("error").asText());
        }
        assertFalse(product.stores().cycles().jobState().deletionsApproved(), "a cross-site request approved nothing");

        Reply own = send("POST", "approve-deletions", headers("Origin", "http://127.0.0.1:" + host.port(), "x-functions-key", KEY), null);
        assertEquals(200, own.status(), own.body());
        assertTrue(product.stores().cycles().jobState().deletionsApproved());
    }

    @Test
    void aPostBodyThatIsNotJsonGets415AndWritesNothing() throws IOException {
        byte[] body = utf8("{\"objectId\": \"" + DemoTenant.userId(42) + "\"}");
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Reply r = send("POST", "provision", headers("Content-Type", type, "x-functions-key", KEY), body);
            assertEquals(415, r.status(), type);
            assertEquals("UnsupportedMediaType", errorBody(r).path("error").asText());
        }
        assertEquals(415, send("POST", "provision", headers("x-functions-key", KEY), body).status(), "a body without a type");
        assertTrue(world.zendesk().userByEmail(DemoTenant.email(42)).isEmpty(), "nothing was written to Zendesk");
    }

    @Test
    void aJsonPostWithTheKeyProvisionsAndABodylessPostNeedsNoType() throws IOException {
        Reply r = send("POST", "provision", headers("Content-Type", "application/json; charset=utf-8", "x-functions-key", KEY),
                utf8("{\"objectId\": \"" + DemoTenant.userId(42) + "\"}"));
        assertEquals(200, r.status(), r.body());
        assertTrue(world.zendesk().userByEmail(DemoTenant.email(42)).isPresent());
        assertEquals(200, send("POST", "pause", headers("x-functions-key", KEY), null).status());
    }

    @Test
    void anActionOnServeIsLoggedAsTheServeKeyNeverWithTheKeyAndAPrincipalHeaderIsNotTrustedHere() throws IOException {
        assertEquals(200, send("POST", "pause", headers("x-functions-key", KEY, "X-MS-CLIENT-PRINCIPAL-NAME", "mallory@contoso.com"),
                null).status());

        Reply logs = send("GET", "logs?action=OperatorAction", headers("x-functions-key", KEY), null);
        JsonNode entries = json.readTree(logs.body()).path("entries");
        assertEquals(1, entries.size(), logs.body());
        assertEquals("pause requested by serve key (local): timer cycles are paused", entries.get(0).path("reason").asText());
        assertFalse(logs.body().contains(KEY) || logs.body().contains("mallory"), logs.body());
    }

    @Test
    void aDeclaredBodyOver64KbGets413BeforeTheHostReadsIt() throws IOException {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        // Only 1 KB of the 2 MB is ever sent: a host that tried to read it all would wait until the socket timed out.
        Reply r = send("POST", "provision", headers("Content-Type", "application/json", "x-functions-key", KEY), huge, 1024);
        assertEquals(413, r.status());
        assertEquals("BodyTooLarge", errorBody(r).path("error").asText());
    }

    @Test
    void aChunkedBodyOver64KbGets413() throws IOException {
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        byte[] chunk = new byte[8 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (int i = 0; i < 9; i++) {
            chunked.write(utf8(Integer.toHexString(chunk.length) + "\r\n"));
            chunked.write(chunk);
            chunked.write(utf8("\r\n"));
        }
        chunked.write(utf8("0\r\n\r\n"));
        Reply r = send("POST", "provision", headers("Content-Type", "application/json", "Transfer-Encoding", "chunked",
                "x-functions-key", KEY), chunked.toByteArray());
        assertEquals(413, r.status(), r.body());
        assertEquals("BodyTooLarge", errorBody(r).path("error").asText());
    }

    @Test
    void aBodyJustUnderTheLimitIsReadAndJudgedOnItsContent() throws IOException {
        String padding = " ".repeat(64 * 1024 - 100);
        Reply r = send("POST", "provision", headers("Content-Type", "application/json", "x-functions-key", KEY),
                utf8("{\"objectId\": \"not-a-guid\"}" + padding));
        assertEquals(400, r.status(), r.body());
        assertEquals("objectId \"not-a-guid\" is not an Entra object id (a GUID)", errorBody(r).path("message").asText());
    }

    @Test
    void theKeyNeverReachesTheHostsOutputOrAnAnswer() throws IOException {
        send("GET", "logs?code=" + KEY + "&top=nope", headers(), null);
        send("GET", "status", headers("x-functions-key", KEY + "wrong"), null);
        Reply bad = send("GET", "logs?top=nope", headers("x-functions-key", KEY), null);
        assertEquals(400, bad.status());
        assertFalse(bad.body().contains(KEY));
        synchronized (printed) {
            printed.forEach(line -> assertFalse(line.contains(KEY), line));
        }
        assertFalse(ServeKey.configuredOrGenerated(KEY).toString().contains(KEY));
    }

    @Test
    void aGeneratedKeyIsLongAndRandomAndATooShortOneIsRefusedWithoutQuotingIt() {
        ServeKey a = ServeKey.configuredOrGenerated(null);
        ServeKey b = ServeKey.configuredOrGenerated(" ");
        assertTrue(a.generated());
        assertTrue(a.reveal().length() >= 40, a.reveal().length() + " characters");
        assertNotEquals(a.reveal(), b.reveal());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServeKey.configuredOrGenerated("short-secret"));
        assertTrue(e.getMessage().contains("PROVISIONING_SERVE_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
    }
}
