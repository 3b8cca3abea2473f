package io.github.zendeskprovisioning.triggers;

import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.SettingsSource;
import io.github.zendeskprovisioning.wiring.Wiring;

import java.util.function.Supplier;

/**
 * The product the Function App's triggers share. The Functions Java worker creates function classes as it
 * pleases, while the HTTP clients and their rate-limit gates must be shared by every invocation of the
 * instance, so the product is built once, on first use. A failed build (a wrong setting) is not cached:
 * the next invocation tries again with the settings as they are then. Only the app settings count here:
 * no local.settings.json is read inside the host.
 */
final class SharedProduct implements Supplier<Product> {
    static final SharedProduct INSTANCE = new SharedProduct();

    private Product product;
    private SdkLoggers sdkLoggers;

    private SharedProduct() {
    }

    @Override
    public synchronized Product get() {
        if (sdkLoggers == null) sdkLoggers = SdkLoggers.turnedOff();
        if (product == null) product = Wiring.build(SettingsSource.functionsHost(System.getenv()));
        return product;
    }
}
