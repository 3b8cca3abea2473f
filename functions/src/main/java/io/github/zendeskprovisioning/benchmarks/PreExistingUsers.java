package io.github.zendeskprovisioning.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zendeskprovisioning.demo.SimulatedWorld;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Puts a share of the tenant's users into the simulated Zendesk as an agent would by hand before provisioning
 * starts: end-users with the same e-mail and name, no external id; one in three with the e-mail in another
 * letter case (Zendesk matches e-mails case-insensitively, as the product must). The users are read from the
 * Graph simulator over HTTP, like any client, before the product's first request is counted.
 */
final class PreExistingUsers {
    private final ObjectMapper mapper = new ObjectMapper();

    /** @return how many users were put into Zendesk, and how many of them with a changed letter case */
    record Seeded(int users, int otherCase) {
    }

    Seeded seed(SimulatedWorld world, double share, long seed) throws IOException, InterruptedException {
        List<JsonNode> users = graphUsers(world);
        List<JsonNode> chosen = new ArrayList<>(users);
        Collections.shuffle(chosen, new Random(seed));
        chosen = chosen.subList(0, (int) Math.round(users.size() * share));
        int otherCase = 0;
        for (int i = 0; i < chosen.size(); i++) {
            JsonNode u = chosen.get(i);
            String mail = u.path("mail").asText();
            if (i % 3 == 0) {
                mail = otherCase(mail);
                otherCase++;
            }
            world.zendesk().seedUser(u.path("displayName").asText(), mail, null, "end-user");
        }
        return new Seeded(chosen.size(), otherCase);
    }

    /** {@code ada0.lovelace@example.org} becomes {@code Ada0.Lovelace@EXAMPLE.ORG}. */
    static String otherCase(String mail) {
        int at = mail.indexOf('@');
        StringBuilder local = new StringBuilder();
        for (String part : mail.substring(0, at).split("\\.", -1)) {
            if (!local.isEmpty()) local.append('.');
            local.append(part.isEmpty() ? part : part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1));
        }
        return local + mail.substring(at).toUpperCase(Locale.ROOT);
    }

    private List<JsonNode> graphUsers(SimulatedWorld world) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<JsonNode> users = new ArrayList<>();
        String next = world.graph().baseUrl() + "/users?$select=id,displayName,mail&$top=999";
        while (next != null) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer " + SimulatedWorld.GRAPH_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the Graph simulator answered " + answer.statusCode() + " to the list of users: "
                        + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
            JsonNode page = mapper.readTree(answer.body());
            page.path("value").forEach(u -> {
                if (u.hasNonNull("mail")) users.add(u);
            });
            next = page.hasNonNull("@odata.nextLink") ? page.path("@odata.nextLink").asText() : null;
        }
        return users;
    }
}
