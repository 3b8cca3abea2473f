package io.github.zendeskprovisioning.adapters.entra;

import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.OnPremisesExtensionAttributes;
import com.microsoft.graph.models.User;
import io.github.zendeskprovisioning.engine.directory.EntraUser;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which user properties the reader selects, and how a Graph user becomes an {@link EntraUser}. It selects what the
 * engine itself needs ({@value #ENGINE_NEEDS}) and exactly the attributes the mapping configuration refers to:
 * {@code extensionAttributeN} through {@code onPremisesExtensionAttributes}, directory extensions
 * ({@code extension_<appId>_<name>}) by name, and {@code manager} through {@code $expand=manager($select=displayName,mail)}
 * (its display name, else its mail). Graph's users/delta gives a manager only as an id ({@code manager@delta}), so
 * with {@code manager} referenced every present user of a delta page is read again by id, where the expansion works.
 */
final class UserFields {
    static final String ENGINE_NEEDS = "id, userPrincipalName, mail, displayName, accountEnabled";
    static final String MANAGER_EXPAND = "manager($select=displayName,mail)";
    private static final List<String> ENGINE = List.of("id", "userPrincipalName", "mail", "displayName", "accountEnabled");
    private static final Pattern EXTENSION_ATTRIBUTE = Pattern.compile("extensionAttribute([1-9]|1[0-5])");
    private static final Pattern DIRECTORY_EXTENSION = Pattern.compile("extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+");
    /** Names a mapping may use that are no Graph property of their own. */
    private static final Set<String> NOT_SELECTED = Set.of("objectId", "manager", "appRoleAssignments");

    private final String[] select;
    /** The mapped attributes, by the name the engine knows them by. */
    private final List<String> attributes;
    private final boolean manager;

    UserFields(Collection<String> referenced) {
        Set<String> selected = new LinkedHashSet<>(ENGINE);
        List<String> names = new ArrayList<>(ENGINE.subList(1, ENGINE.size()));
        for (String name : referenced) {
            if (!names.contains(name) && !name.equals("id") && !name.equals("objectId")) names.add(name);
            if (NOT_SELECTED.contains(name)) continue;
            selected.add(EXTENSION_ATTRIBUTE.matcher(name).matches() ? "onPremisesExtensionAttributes" : name);
        }
        this.select = selected.toArray(String[]::new);
        this.attributes = List.copyOf(names);
        this.manager = referenced.contains("manager");
    }

    /** As before mappings could name attributes: the default mapping's attributes and those the README documents. */
    static UserFields defaults() {
        return new UserFields(List.of("givenName", "surname", "jobTitle", "mobilePhone", "businessPhones",
                "preferredLanguage", "department"));
    }

    String[] select() {
        return select.clone();
    }

    /** The {@code $expand} to ask for on reads by id, or null. */
    String[] expand() {
        return manager ? new String[]{MANAGER_EXPAND} : null;
    }

    boolean readsManager() {
        return manager;
    }

    EntraUser toEntraUser(User user) {
        Map<String, String> a = new HashMap<>();
        for (String name : attributes) {
            String value = name.equals("manager") ? managerName(user.getManager()) : text(value(user, name));
            if (value != null) a.put(name, value);
        }
        return new EntraUser(user.getId(), a);
    }

    /**
     * True when a selected attribute did not come back. The SDK drops JSON nulls, so "absent" and "null" look the
     * same here; in an incremental round either may mean Graph sent only the changed properties, so the reader
     * reads such a user again rather than guess. {@code companyName} is left out of this check: most tenants leave it
     * empty, and counting it would read nearly every user twice.
     */
    boolean incomplete(User user) {
        for (String property : select) {
            if (!property.equals("id") && !property.equals("companyName") && raw(user, property) == null) return true;
        }
        return false;
    }

    private static Object value(User user, String name) {
        if (EXTENSION_ATTRIBUTE.matcher(name).matches()) {
            OnPremisesExtensionAttributes ext = user.getOnPremisesExtensionAttributes();
            return ext == null ? null : ext.getBackingStore().get(name);
        }
        if (name.equals("businessPhones")) {
            // Zendesk has one phone: the first business phone.
            List<String> phones = user.getBusinessPhones();
            return phones == null || phones.isEmpty() ? null : phones.get(0);
        }
        return raw(user, name);
    }

    /** A property as the SDK parsed it: typed ones from its backing store, directory extensions from additional data. */
    private static Object raw(User user, String property) {
        if (DIRECTORY_EXTENSION.matcher(property).matches()) {
            return user.getAdditionalData() == null ? null : user.getAdditionalData().get(property);
        }
        return user.getBackingStore().get(property);
    }

    private static String managerName(DirectoryObject manager) {
        if (manager == null) return null;
        String name = property(manager, "displayName");
        return name != null && !name.isBlank() ? name : property(manager, "mail");
    }

    private static String property(DirectoryObject object, String name) {
        Object v = object.getBackingStore().get(name);
        if (v == null && object.getAdditionalData() != null) v = object.getAdditionalData().get(name);
        return text(v);
    }

    /** Text as a mapping reads it: dates in ISO 8601 UTC, booleans as true/false, lists as their values joined by commas. */
    private static String text(Object v) {
        if (v == null) return null;
        if (v instanceof OffsetDateTime t) return DateTimeFormatter.ISO_INSTANT.format(t);
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof Collection<?> c) {
            List<String> items = c.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList();
            return items.isEmpty() ? null : String.join(",", items);
        }
        return String.valueOf(v);
    }
}
