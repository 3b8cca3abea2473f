package io.github.zendeskprovisioning.triggers;

import io.github.zendeskprovisioning.api.DirectorySearch;
import io.github.zendeskprovisioning.wiring.Wiring;

import java.util.function.Supplier;

/**
 * The console's Entra search, built once per instance on first use like {@link SharedProduct} (the Graph client and
 * its credential's token cache are worth sharing across invocations), from the same settings as the product.
 */
final class SharedDirectorySearch implements Supplier<DirectorySearch> {
    static final SharedDirectorySearch INSTANCE = new SharedDirectorySearch();

    private DirectorySearch search;

    private SharedDirectorySearch() {
    }

    @Override
    public synchronized DirectorySearch get() {
        if (search == null) search = Wiring.directorySearch(SharedProduct.INSTANCE.get().settings());
        return search;
    }
}
