package io.github.zendeskprovisioning.engine.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A stable hash of attribute values, so "nothing changed since we last wrote" costs no Zendesk call. */
public final class ValueHash {
    private ValueHash() {
    }

    public static String of(Map<String, ?> values) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> canonical.append(k).append('\u0000')
                .append(v == null ? "\u0001" : v.toString()).append('\u0002'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
