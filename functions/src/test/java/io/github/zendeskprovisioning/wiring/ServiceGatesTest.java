package io.github.zendeskprovisioning.wiring;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One Zendesk budget for the whole app: each instance paces itself to its share. */
class ServiceGatesTest {
    private static Settings settings(String perMinute, String instances) {
        Map<String, String> values = new HashMap<>();
        values.put(Settings.ZENDESK_SUBDOMAIN, "my-tenant");
        if (perMinute != null) values.put(Settings.ZENDESK_REQUESTS_PER_MINUTE, perMinute);
        if (instances != null) values.put(Settings.MAX_INSTANCES, instances);
        return new Settings(values);
    }

    @Test
    void eachOfTheAppsInstancesGetsAnEqualShareSoTogetherTheyStayUnderTheBudget() {
        assertEquals(175, ServiceGates.instanceShare(settings("700", "4")));
        assertEquals(233, ServiceGates.instanceShare(settings("700", "3")), "rounded down, never over");
        assertEquals(700, ServiceGates.instanceShare(settings("700", null)), "a lone process (CLI, serve) has it all");
        assertEquals(1, ServiceGates.instanceShare(settings("10", "40")), "at least one request a minute");
    }

    @Test
    void aBadInstanceCapIsRefusedNamingTheSettingAndQuotingIt() {
        SettingsException e = assertThrows(SettingsException.class, () -> settings("700", "four").maxInstances());
        assertTrue(e.getMessage().contains(Settings.MAX_INSTANCES) && e.getMessage().contains("'four'"), e.getMessage());
        assertTrue(settings("700", "0").problems().stream().anyMatch(p -> p.contains(Settings.MAX_INSTANCES)));
    }
}
