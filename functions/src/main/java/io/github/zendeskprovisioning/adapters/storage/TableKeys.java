package io.github.zendeskprovisioning.adapters.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * PartitionKey/RowKey values made from ids. Table Storage forbids {@code / \ # ?} and control characters in
 * keys; we also escape {@code ' %} (they cause trouble in request URLs) and our escape character {@code ~},
 * each as {@code ~XX} (hex), which keeps the mapping reversible and ordinary ids readable. An id whose
 * escaped form is longer than {@value #MAX_KEY_CHARS} characters is cut and followed by {@code ~~} and the
 * SHA-256 of the whole id: still unique and stable (escaping never produces {@code ~~}), no longer
 * reversible, which is why every store also keeps the original id in a column and reads it from there.
 */
final class TableKeys {
    /**
     * Azure allows 1 KiB per key, 512 UTF-16 chars; at 200 per id, a row key made of two ids, a time and
     * separators (423 chars) still fits; keys of three ids take 150 per id (475 chars, the longest we build).
     */
    static final int MAX_KEY_CHARS = 200;
    private static final char ESCAPE = '~';
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private TableKeys() {
    }

    static String encode(String id) {
        return encode(id, MAX_KEY_CHARS);
    }

    /** As {@link #encode(String)}, hashed beyond {@code maxChars}: for keys made of three ids. */
    static String encode(String id, int maxChars) {
        if (maxChars < 2 + 64 + 8) throw new IllegalArgumentException("too short a key limit: " + maxChars);
        if (id == null || id.isEmpty()) throw new IllegalArgumentException("an id used as a table key must not be empty");
        StringBuilder out = new StringBuilder(id.length() + 8);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (mustEscape(c)) {
                out.append(ESCAPE).append(HEX.toHexDigits((byte) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() <= maxChars) return out.toString();
        int cut = maxChars - 2 - 64;
        if (Character.isHighSurrogate(out.charAt(cut - 1))) cut--;
        return out.substring(0, cut) + ESCAPE + ESCAPE + sha256(id);
    }

    /** The id of an encoded key; fails for the hashed form of an over-long id (read the id column instead). */
    static String decode(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != ESCAPE) {
                out.append(c);
                continue;
            }
            if (i + 1 < key.length() && key.charAt(i + 1) == ESCAPE) {
                throw new IllegalArgumentException("table key is the hashed form of a long id and cannot be decoded");
            }
            if (i + 2 >= key.length()) throw new IllegalArgumentException("table key ends inside an escape");
            out.append((char) HexFormat.fromHexDigits(key, i + 1, i + 3));
            i += 2;
        }
        return out.toString();
    }

    /** Nanoseconds since 1970 subtracted from the largest long, fixed width: sorts newest first as text. */
    static String invertedTime(Instant time) {
        if (time.isBefore(Instant.EPOCH)) throw new IllegalArgumentException("times before 1970 cannot be stored: " + time);
        long nanos;
        try {
            nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("times after 2262 cannot be stored: " + time);
        }
        return String.format("%019d", Long.MAX_VALUE - nanos);
    }

    /** The UTC day of a time, inverted so that later days sort first. */
    static String invertedDay(Instant time) {
        long day = time.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
        return "d" + String.format("%07d", 9_999_999L - day);
    }

    private static boolean mustEscape(char c) {
        return c <= 0x1F || (c >= 0x7F && c <= 0x9F)
                || c == '/' || c == '\\' || c == '#' || c == '?' || c == '\'' || c == '%' || c == ESCAPE;
    }

    private static String sha256(String id) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
