package io.github.zendeskprovisioning.engine.mapping;

import io.github.zendeskprovisioning.engine.directory.EntraUser;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user's Zendesk record should hold, from direct, constant and expression mappings. */
class RecordMapperTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

    private static EntraUser user(String... pairs) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) a.put(pairs[i], pairs[i + 1]);
        return new EntraUser("0b5f6a7e-0000-4000-8000-000000000001", a);
    }

    private static DesiredRecord map(String json, EntraUser user) {
        return new RecordMapper(MappingConfiguration.parse(json).userMappings(), CLOCK).map(user);
    }

    @Test
    void theContractExampleMapsNameEmailOrganizationAndTags() {
        DesiredRecord r = map(MappingConfigurationTest.CONTRACT_EXAMPLE, user("givenName", "Ann", "surname", "Lee",
                "userPrincipalName", "ann@contoso.com", "companyName", "Contoso", "department", "Tier2 Support"));
        assertEquals(Map.of("name", "Ann Lee"), r.always());
        assertEquals(Map.of("email", "ann@contoso.com"), r.onCreate());
        assertEquals(Map.of("organization", "Contoso", "tags", List.of("tier2", "support")), r.linked(),
                "organization and tags are apart: Zendesk keeps them as a link and a set");
        assertFalse(r.forCreate().containsKey("tags"));
    }

    @Test
    void aDefaultIsWrittenOnCreateOnlyWhenTheResultIsNull() {
        String json = """
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "details", "source": "jobTitle", "default": "Staff"}]}""";
        DesiredRecord none = map(json, user("mail", "a@x"));
        assertEquals(Map.of(), none.always(), "the default never overwrites on update");
        assertEquals(Map.of("email", "a@x", "details", "Staff"), none.forCreate());
        assertTrue(none.results().get(1).fromDefault());
        DesiredRecord some = map(json, user("mail", "a@x", "jobTitle", "Engineer"));
        assertEquals(Map.of("details", "Engineer"), some.always());
    }

    @Test
    void applyOnCreateKeepsAValueOutOfUpdates() {
        DesiredRecord r = map("""
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "alias", "expression": "Left([givenName], 1)", "apply": "onCreate"}]}""",
                user("mail", "a@x", "givenName", "Ann"));
        assertEquals(Map.of(), r.always());
        assertEquals(Map.of("email", "a@x", "alias", "A"), r.onCreate());
    }

    @Test
    void constantsAndUserFieldsFlow() {
        DesiredRecord r = map("""
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "locale", "constant": "en-US"},
                           {"target": "user_fields.employee_number", "source": "employeeId"}]}""",
                user("mail", "a@x", "employeeId", "42"));
        assertEquals(Map.of("locale", "en-US", "user_fields.employee_number", "42"), r.always());
    }

    @Test
    void anEmptyOrNullResultLeavesTheAttributeAlone() {
        DesiredRecord r = map("""
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "notes", "expression": "Switch([department], , \\"Sales\\", \\"Sells\\")"},
                           {"target": "details", "expression": "Join(\\" \\", [jobTitle], [officeLocation])"}]}""",
                user("mail", "a@x", "department", "Support"));
        assertEquals(Map.of(), r.always(), "no value means the Zendesk attribute is not touched, never cleared");
    }

    @Test
    void switchGivesTheSameValueWhenOnlyAnotherAttributeChanged() {
        // Entra's documented trap: a Switch on companyName evaluates to null when only displayName changed.
        String json = """
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "name", "source": "displayName"},
                           {"target": "notes", "expression": "Switch([companyName], \\"External\\", \\"Company A\\", \\"A\\", \\"Company B\\", \\"B\\")"}]}""";
        DesiredRecord before = map(json, user("mail", "a@x", "displayName", "Ann", "companyName", "Company B"));
        DesiredRecord after = map(json, user("mail", "a@x", "displayName", "Ann Lee", "companyName", "Company B"));
        assertEquals("B", before.always().get("notes"));
        assertEquals("B", after.always().get("notes"));
        assertEquals("Ann Lee", after.always().get("name"));
    }

    @Test
    void objectIdIsTheUsersId() {
        DesiredRecord r = map("""
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "user_fields.entra_id", "expression": "ToUpper([objectId])"}]}""", user("mail", "a@x"));
        assertEquals("0B5F6A7E-0000-4000-8000-000000000001", r.always().get("user_fields.entra_id"));
    }

    @Test
    void anExpressionThatFailsForOneUserIsLeftOutWithItsReason() {
        DesiredRecord r = map("""
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "name", "source": "displayName"},
                           {"target": "notes", "expression": "DateAdd(\\"d\\", 30, CDate([employeeHireDate]))"}]}""",
                user("mail", "a@x", "displayName", "Ann", "employeeHireDate", "soon"));
        assertEquals(Map.of("name", "Ann"), r.always(), "the other mappings go on");
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).startsWith("notes: CDate: the value 'soon' is no date"), r.problems().get(0));
    }

    @Test
    void eachResultShowsTheSourceValuesItRead() {
        DesiredRecord r = map(MappingConfigurationTest.CONTRACT_EXAMPLE, user("givenName", "Ann", "mail", "a@x"));
        MappingResult name = r.results().get(0);
        Map<String, Object> read = new HashMap<>();
        read.put("givenName", "Ann");
        read.put("surname", null);
        assertEquals(read, name.sourceValues());
        assertEquals("Ann", name.value());
        assertEquals(Map.of("mail", "a@x"), r.results().get(1).sourceValues(), "a direct mapping stops at the first value");
    }

    @Test
    void redactedResultsShowAsRedact() {
        DesiredRecord r = map("""
                {"users": [{"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "user_fields.badge", "expression": "Redact([employeeId])"}]}""", user("mail", "a@x", "employeeId", "7"));
        MappingResult badge = r.results().get(1);
        assertEquals("7", badge.value(), "the value itself flows");
        assertEquals("[Redact]", badge.shown());
    }

    @Test
    void tagsFromOneStringAreItsWordsOnce() {
        assertEquals(List.of("vip", "emea"), RecordMapper.shape("tags", " vip  emea vip "));
        assertNull(RecordMapper.shape("tags", ""));
        assertEquals("a,b", RecordMapper.shape("notes", List.of("a", "b")));
    }

    @Test
    void theDefaultsStillMapAsBefore() {
        DesiredRecord r = new RecordMapper(MappingConfiguration.defaults().userMappings())
                .map(user("displayName", " Ann Lee ", "userPrincipalName", "ann@x", "mobilePhone", "+31 6")::attribute);
        assertEquals(Map.of("name", "Ann Lee", "phone", "+31 6"), r.always());
        assertEquals(Map.of("email", "ann@x"), r.onCreate());
    }
}
