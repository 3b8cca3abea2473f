package io.github.zendeskprovisioning.adapters.entra;

import com.microsoft.kiota.serialization.UntypedArray;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;
import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.directory.Removal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The delta annotations the SDK leaves in a model's additional data: {@code @removed} on removed objects and
 * {@code members@delta} on groups. Anything malformed is an untrustworthy page, not something to skip.
 */
final class DeltaAnnotations {
    static final String USER_TYPE = "#microsoft.graph.user";

    /** The user members a {@code members@delta} added and removed. */
    record MemberChanges(List<String> added, List<String> removed) {
    }

    private DeltaAnnotations() {
    }

    static Removal removal(Map<String, Object> additionalData) {
        Object removed = additionalData == null ? null : additionalData.get("@removed");
        if (removed == null) return Removal.NONE;
        String reason = removed instanceof UntypedObject o ? text(o.getValue().get("reason")) : null;
        if ("changed".equals(reason)) return Removal.SOFT_DELETED;
        if ("deleted".equals(reason)) return Removal.HARD_DELETED;
        throw new EntraReadException("Graph returned an @removed annotation with an unknown reason");
    }

    static MemberChanges members(Map<String, Object> additionalData) {
        Object delta = additionalData == null ? null : additionalData.get("members@delta");
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        if (delta == null) return new MemberChanges(added, removed);
        if (!(delta instanceof UntypedArray array)) throw new EntraReadException("Graph returned members@delta that is not a list");
        for (UntypedNode node : array.getValue()) {
            if (!(node instanceof UntypedObject member)) throw new EntraReadException("Graph returned a members@delta entry that is not an object");
            Map<String, UntypedNode> fields = member.getValue();
            String id = text(fields.get("id"));
            if (id == null || id.isBlank()) throw new EntraReadException("Graph returned a members@delta entry without an id");
            // Only direct user members count; nested groups, devices and service principals are skipped.
            if (!USER_TYPE.equals(text(fields.get("@odata.type")))) continue;
            (fields.containsKey("@removed") ? removed : added).add(id);
        }
        return new MemberChanges(added, removed);
    }

    private static String text(UntypedNode node) {
        return node instanceof UntypedString s ? s.getValue() : null;
    }
}
