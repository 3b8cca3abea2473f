package io.github.zendeskprovisioning.engine.mapping;

/** One thing wrong with a mapping configuration: where (a JSON pointer, "" for the whole) and what. */
public record ConfigurationProblem(String pointer, String message) {
    @Override
    public String toString() {
        return pointer.isEmpty() ? message : pointer + ": " + message;
    }
}
