/**
 * The Entra ID reader: {@link io.github.zendeskprovisioning.adapters.entra.GraphEntraSource}, the engine's
 * {@code EntraSource} on the Microsoft Graph SDK v6.
 *
 * <p>The SDK's own HTTP pipeline is kept (URL replacement, redirects, parameter decoding, telemetry headers);
 * its RetryHandler is switched off and {@code ThrottlingRetryInterceptor} retries 429/503/504 instead, honouring
 * {@code Retry-After} through an injectable {@link io.github.zendeskprovisioning.adapters.entra.Sleeper};
 * {@code RequestCounter} counts every request sent. Authentication is a fixed bearer token or an azure-identity
 * {@code TokenCredential}, limited to the configured Graph host.
 */
package io.github.zendeskprovisioning.adapters.entra;
