package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;

import java.util.List;

/**
 * Keeps a log entry inside Table Storage's limits (64 KiB per string column, that is 32K UTF-16 chars, and
 * 1 MiB per entity) by cutting long texts with an ellipsis and, in {@link JsonColumns}, leaving out the
 * last steps or modified properties of a list whose JSON would not fit, saying how many were left out.
 * An entry that is too long is stored shortened; it is never refused.
 */
final class LogDetailLimits {
    static final int REASON_CHARS = 8_000;
    static final int NAME_CHARS = 1_000;
    static final int FIELD_CHARS = 4_000;
    static final int LABEL_CHARS = 200;
    /** The most a JSON list column may hold; two of them plus the rest stay far below 1 MiB. */
    static final int JSON_COLUMN_CHARS = 30_000;

    private LogDetailLimits() {
    }

    static ProvisioningLogEntry shorten(ProvisioningLogEntry e) {
        List<LogStep> steps = e.steps().stream()
                .map(s -> new LogStep(cut(s.name(), LABEL_CHARS), cut(s.outcome(), LABEL_CHARS), cut(s.detail(), FIELD_CHARS)))
                .toList();
        List<ModifiedProperty> modified = e.modified().stream()
                .map(m -> new ModifiedProperty(cut(m.name(), LABEL_CHARS), cut(m.oldValue(), FIELD_CHARS),
                        cut(m.newValue(), FIELD_CHARS)))
                .toList();
        return new ProvisioningLogEntry(e.cycleId(), e.changeId(), e.time(), e.kind(), e.sourceId(),
                cut(e.sourceName(), NAME_CHARS), e.targetId(), e.action(), e.status(), e.dryRun(), steps, modified,
                cut(e.reason(), REASON_CHARS));
    }

    /** {@code text} cut to at most {@code max} chars, ending in an ellipsis when cut (never inside a surrogate pair). */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) return text;
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }
}
