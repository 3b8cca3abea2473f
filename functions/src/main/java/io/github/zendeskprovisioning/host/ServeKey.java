package io.github.zendeskprovisioning.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key {@code serve} requires on every request, as Azure's function keys: PROVISIONING_SERVE_KEY, or one
 * made at start. Only its SHA-256 is compared, with {@link MessageDigest#isEqual}, so the time a check takes
 * says nothing about the key; {@link #toString()} never shows it.
 */
public final class ServeKey {
    private static final int GENERATED_BYTES = 32;
    /** Shorter keys are guessable; Azure's own function keys are 56 characters. */
    static final int MIN_CHARS = 16;

    private final String value;
    private final byte[] digest;
    private final boolean generated;

    private ServeKey(String value, boolean generated) {
        this.value = value;
        this.digest = sha256(value);
        this.generated = generated;
    }

    /** The configured key, or a new random one when {@code configured} is null or blank. */
    public static ServeKey configuredOrGenerated(String configured) {
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[GENERATED_BYTES];
            new SecureRandom().nextBytes(random);
            return new ServeKey(Base64.getUrlEncoder().withoutPadding().encodeToString(random), true);
        }
        String key = configured.trim();
        if (key.length() < MIN_CHARS) {
            // The message never quotes the key: it is a secret even when it is a bad one.
            throw new IllegalArgumentException("PROVISIONING_SERVE_KEY is too short (" + key.length()
                    + " characters): use at least " + MIN_CHARS + ", or unset it and serve makes one");
        }
        return new ServeKey(key, false);
    }

    public boolean generated() {
        return generated;
    }

    /** The key itself: only for the one start line that shows a generated key to the operator. */
    public String reveal() {
        return value;
    }

    boolean matches(String given) {
        return given != null && MessageDigest.isEqual(digest, sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ServeKey(" + (generated ? "generated" : "configured") + ", hidden)";
    }
}
