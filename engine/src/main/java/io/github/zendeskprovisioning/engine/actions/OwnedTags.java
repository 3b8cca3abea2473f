package io.github.zendeskprovisioning.engine.actions;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Zendesk keeps a user's tags as one set, written whole. The service owns only the tags its mapping wrote:
 * the new set is (live - previously owned) + desired, so a tag added by hand stays, and a tag the mapping no
 * longer gives goes. Live order is kept, new tags follow.
 */
public final class OwnedTags {
    private OwnedTags() {
    }

    public static List<String> merge(Collection<String> live, Collection<String> previouslyOwned, Collection<String> desired) {
        Set<String> owned = Set.copyOf(previouslyOwned);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String tag : live) {
            if (!owned.contains(tag) || desired.contains(tag)) out.add(tag);
        }
        out.addAll(desired);
        return List.copyOf(out);
    }

    /** Same tags, whatever the order: Zendesk's set needs no write. */
    public static boolean sameSet(Collection<String> a, Collection<String> b) {
        return Set.copyOf(a).equals(Set.copyOf(b));
    }
}
