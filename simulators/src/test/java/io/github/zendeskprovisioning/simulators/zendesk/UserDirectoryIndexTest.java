package io.github.zendeskprovisioning.simulators.zendesk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The directory's indexed lookups answer what a scan of every user in id order answers (the rule they replace),
 * after a seeded random run of creates, e-mail and external id updates, soft deletes and re-creations over a few
 * e-mails and external ids in mixed letter case, refusals included.
 */
class UserDirectoryIndexTest {
    private static final List<String> EMAILS = List.of("a@example.org", "b@example.org", "c@example.org", "d@example.org");
    private static final List<String> EXTERNAL_IDS = List.of("ext-a", "ext-b", "ext-c", "ext-d");

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final UserDirectory users = new UserDirectory(ManualClock.startingAt("2026-01-05T10:00:00Z"), id -> false, id -> false);

    @Test
    void indexedLookupsAnswerAsAScanInIdOrderAfterEveryKindOfChange() {
        Random random = new Random(7);
        List<Long> ids = new ArrayList<>();
        for (int step = 0; step < 500; step++) {
            int action = random.nextInt(4);
            try {
                if (action == 0 || ids.isEmpty()) {
                    ObjectNode input = json.objectNode().put("name", "User " + step);
                    if (random.nextBoolean()) input.put("email", mixedCase(pick(EMAILS, random), random));
                    if (random.nextBoolean()) input.put("external_id", mixedCase(pick(EXTERNAL_IDS, random), random));
                    ids.add(users.create(input).path("id").asLong());
                } else if (action == 1) {
                    users.update(pick(ids, random), json.objectNode().put("external_id",
                            random.nextInt(5) == 0 ? null : mixedCase(pick(EXTERNAL_IDS, random), random)));
                } else if (action == 2) {
                    users.update(pick(ids, random), json.objectNode().put("email", mixedCase(pick(EMAILS, random), random)));
                } else {
                    users.softDelete(pick(ids, random));
                }
            } catch (ApiError refused) {
                // Taken e-mails and external ids, and writes to deleted users, are refused; the indexes must not move.
            }
            for (String email : EMAILS) {
                String asked = mixedCase(email, random);
                assertEquals(scanByEmail(asked), users.byEmail(asked).map(u -> u.path("id").asLong()), "step " + step + ": " + asked);
                assertEquals(scanByEmail(asked), users.emailHolder(asked, null), "step " + step + ": " + asked);
            }
            for (String externalId : EXTERNAL_IDS) {
                String asked = mixedCase(externalId, random);
                for (boolean includeDeleted : new boolean[] {false, true}) {
                    assertEquals(scanByExternalId(asked, includeDeleted),
                            users.byExternalId(asked, includeDeleted).map(u -> u.path("id").asLong()), "step " + step + ": " + asked);
                }
                assertEquals(scanByExternalId(asked, false), users.externalIdHolder(asked, null), "step " + step + ": " + asked);
            }
        }
    }

    private Optional<Long> scanByEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        for (ObjectNode u : users.all(false)) {
            if (users.emailsOf(u.path("id").asLong()).contains(wanted)) return Optional.of(u.path("id").asLong());
        }
        return Optional.empty();
    }

    private Optional<Long> scanByExternalId(String externalId, boolean includeDeleted) {
        for (ObjectNode u : users.all(includeDeleted)) {
            if (externalId.equalsIgnoreCase(UserDirectory.textOrNull(u.get("external_id")))) return Optional.of(u.path("id").asLong());
        }
        return Optional.empty();
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String mixedCase(String s, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        return out.toString();
    }
}
