package io.github.zendeskprovisioning.adapters.entra;

import io.github.zendeskprovisioning.engine.directory.EntraReadException;

import java.net.URI;

/**
 * Checks the links Graph hands back ({@code @odata.nextLink}, {@code @odata.deltaLink}) and the page tokens the
 * engine returns: each must be an absolute URL below the configured base URL, so a stored or forged token can
 * neither send the bearer token elsewhere nor read another resource.
 */
final class PageLinks {
    private final URI base;
    private final String basePrefix;

    PageLinks(URI base) {
        this.base = base;
        this.basePrefix = GraphPipeline.trimmed(base) + "/";
    }

    String check(String link, String read) {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new EntraReadException("a page token for " + read + " is not a URL");
        }
        boolean sameOrigin = base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost()) && base.getPort() == uri.getPort();
        if (!sameOrigin || !link.startsWith(basePrefix)) {
            throw new EntraReadException("a page link for " + read + " points outside the configured Graph base URL");
        }
        return link;
    }
}
