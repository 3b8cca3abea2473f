package io.github.zendeskprovisioning.host;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * SYNC_SCHEDULE as the Functions timer reads it: NCRONTAB with six fields
 * ({second} {minute} {hour} {day} {month} {day-of-week}), which is the field order of Spring's cron.
 */
public final class Schedule {
    private final String expression;
    private final ExecutionTime execution;

    public Schedule(String expression) {
        this.expression = expression;
        try {
            this.execution = ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING)).parse(expression));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SYNC_SCHEDULE '" + expression + "' is not an NCRONTAB expression of six fields "
                    + "({second} {minute} {hour} {day} {month} {day-of-week}, e.g. 0 */40 * * * *): " + e.getMessage());
        }
    }

    public Duration untilNext(ZonedDateTime now) {
        return execution.timeToNextExecution(now).orElseThrow(() -> new IllegalArgumentException("SYNC_SCHEDULE '" + expression + "' never fires"));
    }

    public String expression() {
        return expression;
    }
}
