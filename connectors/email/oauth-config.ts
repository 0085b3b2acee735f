/**
 * EMAIL_OAUTH_* → the OAuth client and the provider's server defaults (Gmail, Microsoft 365).
 * Errors name the variable to set; values are never echoed.
 */
import type { OAuthClientOptions } from './oauth-token.js';
import { providerDefaults, type OAuthProvider, type ProviderDefaults } from './oauth-provider.js';

export interface EmailOAuthSettings {
  EMAIL_OAUTH_PROVIDER?: OAuthProvider | undefined;
  EMAIL_OAUTH_CLIENT_ID?: string | undefined;
  EMAIL_OAUTH_CLIENT_SECRET?: string | undefined;
  EMAIL_OAUTH_REFRESH_TOKEN?: string | undefined;
  EMAIL_OAUTH_TENANT?: string | undefined;
  EMAIL_OAUTH_TOKEN_URL?: string | undefined;
}

export interface EmailOAuthConfig {
  client: OAuthClientOptions;
  defaults: ProviderDefaults;
}

/** undefined when OAuth is not used; throws on a half-done OAuth setup. */
export function emailOAuthFromConfig(c: EmailOAuthSettings): EmailOAuthConfig | undefined {
  const provider = c.EMAIL_OAUTH_PROVIDER;
  if (!provider) {
    const stray = (
      ['EMAIL_OAUTH_CLIENT_ID', 'EMAIL_OAUTH_CLIENT_SECRET', 'EMAIL_OAUTH_REFRESH_TOKEN'] as const
    ).find((k) => c[k]);
    if (stray)
      throw new Error(`email: ${stray} is set but EMAIL_OAUTH_PROVIDER (google or microsoft) is not`);
    return undefined;
  }
  if (!c.EMAIL_OAUTH_CLIENT_ID) {
    throw new Error(
      `email: EMAIL_OAUTH_PROVIDER=${provider} needs EMAIL_OAUTH_CLIENT_ID (the app's client id)`,
    );
  }
  // Google's Desktop-app clients always have a secret; Microsoft public clients have none.
  if (provider === 'google' && !c.EMAIL_OAUTH_CLIENT_SECRET) {
    throw new Error('email: EMAIL_OAUTH_PROVIDER=google needs EMAIL_OAUTH_CLIENT_SECRET');
  }
  if (!c.EMAIL_OAUTH_REFRESH_TOKEN) {
    throw new Error(
      `email: EMAIL_OAUTH_PROVIDER=${provider} needs EMAIL_OAUTH_REFRESH_TOKEN (get one with npm run email:oauth)`,
    );
  }
  const defaults = providerDefaults(provider, c.EMAIL_OAUTH_TENANT ?? 'common');
  return {
    defaults,
    client: {
      tokenUrl: c.EMAIL_OAUTH_TOKEN_URL ?? defaults.tokenUrl,
      clientId: c.EMAIL_OAUTH_CLIENT_ID,
      ...(c.EMAIL_OAUTH_CLIENT_SECRET ? { clientSecret: c.EMAIL_OAUTH_CLIENT_SECRET } : {}),
      refreshToken: c.EMAIL_OAUTH_REFRESH_TOKEN,
      // Microsoft's v2 endpoint wants the scopes again on a refresh; Google keeps the granted ones.
      ...(provider === 'microsoft' ? { scope: defaults.scope } : {}),
    },
  };
}
