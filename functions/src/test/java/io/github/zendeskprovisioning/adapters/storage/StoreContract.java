package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.ports.StateStores;

import java.util.List;

/** What every contract suite shares: the stores under test, made once per test (fresh tables or memory). */
abstract class StoreContract {
    /** Ids Table Storage forbids or chokes on in keys, and ones that only look harmless. */
    static final List<String> HOSTILE_IDS = List.of(
            "a/b\\c#d?e", "tab\there\nnew\u0000nul\u007fdel\u0085nel\u009fend", "O'Brien", "'';--",
            "100%", "tilde~7E~~x", "ünïcødé-名前-😀", "x".repeat(2000), "x".repeat(2001), " ",
            "plain-3f2a-4b1c");

    private StateStores stores;

    /** New, empty stores. */
    protected abstract StateStores createStores();

    protected StateStores stores() {
        if (stores == null) stores = createStores();
        return stores;
    }
}
