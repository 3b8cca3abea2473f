package io.github.zendeskprovisioning.adapters.entra;

import com.microsoft.graph.models.User;
import io.github.zendeskprovisioning.engine.directory.EntraUser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The user attributes the reader selects (those {@link EntraUser} documents) and how a Graph user becomes one. */
final class UserFields {
    static final String[] SELECT = {"id", "userPrincipalName", "mail", "displayName", "givenName", "surname",
            "accountEnabled", "jobTitle", "mobilePhone", "businessPhones", "preferredLanguage", "department", "companyName"};

    private UserFields() {
    }

    static EntraUser toEntraUser(User user) {
        Map<String, String> a = new HashMap<>();
        put(a, "userPrincipalName", user.getUserPrincipalName());
        put(a, "mail", user.getMail());
        put(a, "displayName", user.getDisplayName());
        put(a, "givenName", user.getGivenName());
        put(a, "surname", user.getSurname());
        put(a, "accountEnabled", user.getAccountEnabled() == null ? null : user.getAccountEnabled().toString());
        put(a, "jobTitle", user.getJobTitle());
        put(a, "mobilePhone", user.getMobilePhone());
        List<String> phones = user.getBusinessPhones();
        put(a, "businessPhones", phones == null || phones.isEmpty() ? null : phones.get(0));
        put(a, "preferredLanguage", user.getPreferredLanguage());
        put(a, "department", user.getDepartment());
        put(a, "companyName", user.getCompanyName());
        return new EntraUser(user.getId(), a);
    }

    /**
     * True when a selected attribute did not come back. The SDK drops JSON nulls, so "absent" and "null" look the
     * same here; in an incremental round either may mean Graph sent only the changed properties, so the reader
     * reads such a user again rather than guess. {@code companyName} is left out of this check: most tenants leave it
     * empty, and counting it would read nearly every user twice.
     */
    static boolean incomplete(User user) {
        return user.getUserPrincipalName() == null || user.getMail() == null || user.getDisplayName() == null
                || user.getGivenName() == null || user.getSurname() == null || user.getAccountEnabled() == null
                || user.getJobTitle() == null || user.getMobilePhone() == null || user.getBusinessPhones() == null
                || user.getPreferredLanguage() == null || user.getDepartment() == null;
    }

    private static void put(Map<String, String> attributes, String name, String value) {
        if (value != null) attributes.put(name, value);
    }
}
