package io.github.zendeskprovisioning.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON trees kept as their UTF-8 text: the simulators hold a tenant of 100,000 users and thousands of job results,
 * which as node trees took several times the heap, and every read hands out a fresh tree anyway. Text keeps the
 * fields' order and values exactly.
 */
public final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    /** The tree as text; {@code what} names it in the error (which only a broken tree could cause). */
    public static byte[] of(JsonNode tree, String what) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not be written as JSON", e);
        }
    }

    /** A fresh tree of text made by {@link #of}. */
    public static JsonNode tree(byte[] text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not be read back", e);
        }
    }
}
