package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.models.TableEntity;

import java.time.Instant;

/**
 * Reading and writing typed columns. Instants are kept as ISO-8601 text: Edm.DateTime keeps only 100 ns
 * ticks, and a value that does not read back equal would break the stores' round trips.
 */
final class EntityColumns {
    private EntityColumns() {
    }

    static void put(TableEntity entity, String name, Object value) {
        if (value == null) return;
        entity.addProperty(name, value instanceof Instant i ? i.toString() : value);
    }

    static String text(TableEntity entity, String name) {
        Object value = entity.getProperty(name);
        return value == null ? null : value.toString();
    }

    static Instant instant(TableEntity entity, String name) {
        String value = text(entity, name);
        return value == null ? null : Instant.parse(value);
    }

    static long number(TableEntity entity, String name, long otherwise) {
        Object value = entity.getProperty(name);
        if (value instanceof Number n) return n.longValue();
        return value == null ? otherwise : Long.parseLong(value.toString());
    }

    static Long nullableNumber(TableEntity entity, String name) {
        return entity.getProperty(name) == null ? null : number(entity, name, 0);
    }

    static boolean flag(TableEntity entity, String name) {
        Object value = entity.getProperty(name);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    static <E extends Enum<E>> E enumValue(TableEntity entity, String name, Class<E> type) {
        String value = text(entity, name);
        return value == null ? null : Enum.valueOf(type, value);
    }

    /** An entity that carries the etag it was read with, so the SDK sends it as If-Match. */
    static TableEntity withEtag(TableEntity entity, String etag) {
        if (etag != null) entity.addProperty("odata.etag", etag);
        return entity;
    }
}
