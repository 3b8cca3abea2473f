package io.github.zendeskprovisioning.engine.mapping.expression;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.TemporalQueries;
import java.util.List;

/**
 * CDate, DateAdd, DateDiff, FormatDateTime, Now. Intervals are Entra's: yyyy, m, d, ww, h, n, s. DateDiff counts
 * the boundaries crossed, as VBA's DateDiff does (Entra's examples: 2012-03-16 07:00 to 2021-08-25 17:41 is 9
 * years, 113 months, 493 weeks, that is Sundays, and 3449 days).
 */
final class DateFunctions {
    private static final String INTERVALS = "yyyy, m, d, ww, h, n or s";

    private DateFunctions() {
    }

    static List<ExpressionFunction> all() {
        return List.of(
                new ExpressionFunction("CDate", Signature.exactly(1), a -> {
                    OffsetDateTime t = EntraDates.required(a, 0, "the value");
                    return t == null ? null : EntraDates.format(t);
                }),
                new ExpressionFunction("DateAdd", Signature.exactly(3), DateFunctions::dateAdd),
                new ExpressionFunction("DateDiff", Signature.exactly(3), DateFunctions::dateDiff),
                new ExpressionFunction("FormatDateTime", Signature.exactly(4), DateFunctions::formatDateTime),
                new ExpressionFunction("Now", Signature.exactly(0),
                        a -> EntraDates.format(a.clock().instant().atOffset(ZoneOffset.UTC))));
    }

    private static Object dateAdd(Arguments a) {
        String interval = interval(a);
        Integer amount = a.integer(1, "value");
        OffsetDateTime t = EntraDates.required(a, 2, "dateTime");
        if (amount == null || t == null) return null;
        OffsetDateTime result = switch (interval) {
            case "yyyy" -> t.plusYears(amount);
            case "m" -> t.plusMonths(amount);
            case "d" -> t.plusDays(amount);
            case "ww" -> t.plusWeeks(amount);
            case "h" -> t.plusHours(amount);
            case "n" -> t.plusMinutes(amount);
            default -> t.plusSeconds(amount);
        };
        return EntraDates.format(result);
    }

    private static Object dateDiff(Arguments a) {
        String interval = interval(a);
        OffsetDateTime from = EntraDates.required(a, 1, "date1");
        OffsetDateTime to = EntraDates.required(a, 2, "date2");
        if (from == null || to == null) return null;
        long diff = switch (interval) {
            case "yyyy" -> to.getYear() - from.getYear();
            case "m" -> (to.getYear() * 12L + to.getMonthValue()) - (from.getYear() * 12L + from.getMonthValue());
            case "d" -> ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate());
            case "ww" -> ChronoUnit.WEEKS.between(sunday(from.toLocalDate()), sunday(to.toLocalDate()));
            case "h" -> ChronoUnit.HOURS.between(from.truncatedTo(ChronoUnit.HOURS), to.truncatedTo(ChronoUnit.HOURS));
            case "n" -> ChronoUnit.MINUTES.between(from.truncatedTo(ChronoUnit.MINUTES), to.truncatedTo(ChronoUnit.MINUTES));
            default -> ChronoUnit.SECONDS.between(from.truncatedTo(ChronoUnit.SECONDS), to.truncatedTo(ChronoUnit.SECONDS));
        };
        return Long.toString(diff);
    }

    private static LocalDate sunday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    }

    private static String interval(Arguments a) {
        String interval = a.text(0);
        if (interval == null || !List.of("yyyy", "m", "d", "ww", "h", "n", "s").contains(interval)) {
            throw a.failure("interval must be " + INTERVALS + ", not '" + (interval == null ? "" : Quote.cut(interval)) + "'");
        }
        return interval;
    }

    /**
     * Reads the source with the .NET input format and writes it with the output format. dateTimeStyles is
     * accepted for Entra compatibility; leading and trailing white space is always allowed, its default.
     */
    private static Object formatDateTime(Arguments a) {
        String source = a.text(0);
        if (source == null) return null;
        String inputFormat = a.text(2);
        String outputFormat = a.text(3);
        if (inputFormat == null || outputFormat == null) throw a.failure("inputFormat and outputFormat are required");
        DateTimeFormatter in;
        DateTimeFormatter out;
        try {
            in = DotNetDateFormat.formatter(inputFormat);
            out = DotNetDateFormat.formatter(outputFormat);
        } catch (IllegalArgumentException e) {
            throw a.failure("cannot use the format: " + e.getMessage());
        }
        TemporalAccessor parsed;
        try {
            parsed = in.parse(source.trim());
        } catch (DateTimeParseException e) {
            throw a.failure("'" + Quote.cut(source) + "' does not match the input format '" + Quote.cut(inputFormat) + "'");
        }
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) throw a.failure("the input format '" + Quote.cut(inputFormat) + "' does not give a whole date");
        LocalTime time = parsed.query(TemporalQueries.localTime());
        ZoneOffset offset = parsed.query(TemporalQueries.offset());
        OffsetDateTime t = date.atTime(time == null ? LocalTime.MIDNIGHT : time).atOffset(offset == null ? ZoneOffset.UTC : offset);
        try {
            return out.format(t);
        } catch (java.time.DateTimeException e) {
            throw a.failure("cannot write the date with the output format '" + Quote.cut(outputFormat) + "'");
        }
    }
}
