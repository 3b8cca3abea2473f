package io.github.zendeskprovisioning.engine.mapping;

import io.github.zendeskprovisioning.engine.directory.EntraUser;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The Entra attributes a mapping or scoping filter may name: the Microsoft Graph v1.0 user properties that hold
 * text, numbers, booleans or dates (with Entra's names, {@code objectId} for {@code id}), the on-premises
 * {@code extensionAttribute1..15}, {@code manager} (its display name or mail), {@code appRoleAssignments}
 * (for SingleAppRoleAssignment), and directory extensions {@code extension_<appId>_<name>}.
 */
public final class EntraUserAttributes {
    private static final Pattern DIRECTORY_EXTENSION = Pattern.compile("extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+");
    private static final Set<String> USER;
    /** What the group processor supplies to group mappings. */
    private static final Set<String> GROUP = Set.of("id", "displayName", "description");

    static {
        Set<String> names = new LinkedHashSet<>(java.util.List.of("id", "objectId", "accountEnabled", "ageGroup", "businessPhones",
                "city", "companyName", "consentProvidedForMinor", "country", "createdDateTime", "creationType", "department",
                "displayName", "employeeHireDate", "employeeId", "employeeLeaveDateTime", "employeeType", "externalUserState",
                "faxNumber", "givenName", "imAddresses", "jobTitle", "legalAgeGroupClassification", "mail", "mailNickname",
                "mobilePhone", "officeLocation", "onPremisesDistinguishedName", "onPremisesDomainName", "onPremisesImmutableId",
                "onPremisesSamAccountName", "onPremisesSecurityIdentifier", "onPremisesUserPrincipalName", "otherMails",
                "postalCode", "preferredDataLocation", "preferredLanguage", "proxyAddresses", "securityIdentifier",
                "showInAddressList", "state", "streetAddress", "surname", "usageLocation", "userPrincipalName", "userType",
                "manager", "appRoleAssignments"));
        IntStream.rangeClosed(1, 15).forEach(i -> names.add("extensionAttribute" + i));
        USER = Set.copyOf(names);
    }

    private EntraUserAttributes() {
    }

    public static boolean isUserAttribute(String name) {
        return USER.contains(name) || DIRECTORY_EXTENSION.matcher(name).matches();
    }

    public static boolean isGroupAttribute(String name) {
        return GROUP.contains(name);
    }

    /** The value of one attribute of a user; {@code objectId} and {@code id} are the user's object id. */
    public static String text(EntraUser user, String name) {
        if (name.equals("id") || name.equals("objectId")) return user.id();
        return user.attribute(name);
    }

    static String userAttributeHelp() {
        return "an Entra user attribute (Graph's name, e.g. department, companyName, employeeId, extensionAttribute1, manager)"
                + " or a directory extension extension_<appId without dashes>_<name>";
    }

    static String groupAttributeHelp() {
        return "one of " + String.join(", ", new java.util.TreeSet<>(GROUP));
    }
}
