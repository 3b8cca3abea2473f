package io.github.zendeskprovisioning.engine.mapping.expression;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Entra's DateTime values: read from the text forms its examples use (ISO 8601 with or without time and
 * offset, such as {@code 2012-03-16-07:00}, and its own {@code M/d/yyyy h:mm:ss tt}), held in UTC, and
 * written as {@code M/d/yyyy h:mm:ss tt}. A value without an offset is taken as UTC.
 */
final class EntraDates {
    static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]", Locale.US), OUTPUT,
            DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]", Locale.US));

    private EntraDates() {
    }

    static Optional<OffsetDateTime> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String s = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            var parsed = DateTimeFormatter.ISO_OFFSET_DATE.parse(s);
            return Optional.of(LocalDate.from(parsed).atStartOfDay().atOffset(ZoneOffset.from(parsed))
                    .withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        for (DateTimeFormatter f : LOCAL_DATE_TIMES) {
            try {
                return Optional.of(LocalDateTime.parse(s, f).atOffset(ZoneOffset.UTC));
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        return Optional.empty();
    }

    static OffsetDateTime required(Arguments a, int index, String what) {
        String text = a.text(index);
        if (text == null) return null;
        return parse(text).orElseThrow(() -> a.failure(what + " '" + Quote.cut(text)
                + "' is no date Entra's forms allow (e.g. 2021-08-31, 2012-03-16-07:00, 2009-06-15T01:45:30Z, 8/25/2021 5:41:18 PM)"));
    }

    static String format(OffsetDateTime t) {
        return OUTPUT.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
