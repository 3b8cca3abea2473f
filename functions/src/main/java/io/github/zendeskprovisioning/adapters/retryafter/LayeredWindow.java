package io.github.zendeskprovisioning.adapters.retryafter;

import java.time.Instant;
import java.util.List;

/** Several windows read as one: open when all are open; a new window goes to each. */
final class LayeredWindow implements RetryAfterWindow {
    private final List<RetryAfterWindow> layers;

    LayeredWindow(List<RetryAfterWindow> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a layered window needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    @Override
    public Instant openAt() {
        Instant latest = Instant.EPOCH;
        for (RetryAfterWindow layer : layers) {
            Instant at = layer.openAt();
            if (at.isAfter(latest)) {
                latest = at;
            }
        }
        return latest;
    }

    @Override
    public void closeUntil(Instant until) {
        layers.forEach(layer -> layer.closeUntil(until));
    }
}
