package io.github.zendeskprovisioning.engine.target;

public record UserUpdate(long id, ZendeskUserFields fields) {
}
