package io.github.zendeskprovisioning.engine.mapping.expression;

/** An expression met a value it cannot work with (a date it cannot read, a start index that is no number). */
public final class EvaluationException extends RuntimeException {
    EvaluationException(String message) {
        super(message);
    }
}
