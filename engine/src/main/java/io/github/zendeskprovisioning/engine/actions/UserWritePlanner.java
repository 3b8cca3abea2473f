package io.github.zendeskprovisioning.engine.actions;

import io.github.zendeskprovisioning.engine.mapping.DesiredRecord;
import io.github.zendeskprovisioning.engine.scope.ZendeskRole;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what to write to a Zendesk user. Roles only go up: a user with no role-bearing assignment keeps
 * whatever role Zendesk has, and a lower role from Entra never demotes (CONTRACT.md) - the log says so.
 */
public final class UserWritePlanner {

    /** A new user: every mapped attribute, the external id, and the role (end-user when none is assigned). */
    public UserWrite forCreate(String entraId, DesiredRecord desired, ZendeskRole role) {
        Map<String, Object> fields = new LinkedHashMap<>(desired.forCreate());
        fields.put("external_id", entraId);
        ZendeskRole r = role == null ? ZendeskRole.END_USER : role;
        fields.put("role", r.role());
        if (r.customRoleId() != null) fields.put("custom_role_id", r.customRoleId());
        List<ModifiedProperty> modified = new ArrayList<>();
        fields.forEach((k, v) -> modified.add(new ModifiedProperty(k, null, String.valueOf(v))));
        return new UserWrite(ProvisioningAction.CREATE, fields, modified, r.role(), null);
    }

    /**
     * An existing user: the attributes that differ, {@code external_id} when linking one made by hand,
     * {@code suspended=false} when it comes back into scope, and a role raise.
     */
    public UserWrite forUpdate(String entraId, ZendeskUser current, DesiredRecord desired, ZendeskRole role) {
        return forUpdate(entraId, current, desired, role, false);
    }

    /**
     * As above; {@code keepSuspension}: leave {@code suspended} as Zendesk has it (a user in scope only through a
     * custom role Zendesk does not know: whether it should be active cannot be told).
     */
    public UserWrite forUpdate(String entraId, ZendeskUser current, DesiredRecord desired, ZendeskRole role,
                               boolean keepSuspension) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<ModifiedProperty> modified = new ArrayList<>();
        desired.always().forEach((name, value) -> {
            String old = currentValue(current, name);
            if (!Objects.equals(old, value == null ? null : value.toString())) {
                fields.put(name, value);
                modified.add(new ModifiedProperty(name, old, value == null ? null : value.toString()));
            }
        });
        if (current.externalId() == null || !current.externalId().equalsIgnoreCase(entraId)) {
            fields.put("external_id", entraId);
            modified.add(new ModifiedProperty("external_id", current.externalId(), entraId));
        }
        String resultingRole = current.role();
        String roleNote = null;
        if (role != null) {
            int have = ZendeskRole.rankOf(current.role());
            if (role.rank() > have) {
                fields.put("role", role.role());
                modified.add(new ModifiedProperty("role", current.role(), role.role()));
                resultingRole = role.role();
                if (role.customRoleId() != null) {
                    fields.put("custom_role_id", role.customRoleId());
                    modified.add(new ModifiedProperty("custom_role_id", str(current.customRoleId()), str(role.customRoleId())));
                }
            } else if (role.rank() == have && role.customRoleId() != null && !role.customRoleId().equals(current.customRoleId())) {
                fields.put("custom_role_id", role.customRoleId());
                modified.add(new ModifiedProperty("custom_role_id", str(current.customRoleId()), str(role.customRoleId())));
            } else if (role.rank() < have) {
                roleNote = "Zendesk role '" + current.role() + "' kept: Entra now gives '" + role.label()
                        + "', and roles are never lowered automatically (change it in Zendesk if that is intended)";
            }
        }
        boolean enabling = current.suspended() && !keepSuspension;
        if (enabling) {
            fields.put("suspended", false);
            modified.add(new ModifiedProperty("suspended", "true", "false"));
        }
        ProvisioningAction action = enabling ? ProvisioningAction.ENABLE : ProvisioningAction.UPDATE;
        return new UserWrite(action, fields, modified, resultingRole, roleNote);
    }

    /**
     * Adds what the organization and tags mappings want to a planned write. {@code organizationId} null: the
     * organization is left as it is; {@code desiredTags} null: no tags mapping, tags left as they are. On an update
     * ({@code current} set) only what differs is sent; the tags are the whole set {@link OwnedTags#merge} gives.
     */
    public UserWrite withLinked(UserWrite write, ZendeskUser current, Long organizationId, List<String> ownedBefore,
                                List<String> desiredTags) {
        Map<String, Object> fields = new LinkedHashMap<>(write.fields());
        List<ModifiedProperty> modified = new ArrayList<>(write.modified());
        Long oldOrganization = current == null ? null : current.organizationId();
        if (organizationId != null && !organizationId.equals(oldOrganization)) {
            fields.put("organization_id", organizationId);
            modified.add(new ModifiedProperty("organization_id", str(oldOrganization), str(organizationId)));
        }
        if (desiredTags != null) {
            List<String> live = current == null ? List.of() : current.tags();
            List<String> tags = OwnedTags.merge(live, current == null ? List.of() : ownedBefore, desiredTags);
            if (current == null ? !tags.isEmpty() : !OwnedTags.sameSet(live, tags)) {
                fields.put("tags", tags);
                modified.add(new ModifiedProperty("tags", current == null ? null : String.join(" ", live), String.join(" ", tags)));
            }
        }
        return new UserWrite(write.action(), fields, modified, write.resultingRole(), write.roleNote());
    }

    static String currentValue(ZendeskUser user, String attribute) {
        Object v = switch (attribute) {
            case "name" -> user.name();
            case "email" -> user.email();
            case "external_id" -> user.externalId();
            default -> user.fields().get(attribute);
        };
        return v == null ? null : v.toString();
    }

    private static String str(Long v) {
        return v == null ? null : v.toString();
    }
}
