package io.github.zendeskprovisioning.api;

import java.util.List;

/** Finds Entra users and groups by the start of their name or mail, for an operator choosing whom to provision. */
@FunctionalInterface
public interface DirectorySearch {

    /** One user or group found: what an operator needs to tell it from the others. */
    record Match(String kind, String id, String displayName, String mail, Boolean accountEnabled) {
    }

    /** Up to {@code top} users and up to {@code top} groups whose name, mail or sign-in name starts with {@code text}. */
    List<Match> find(String text, int top);
}
