/**
 * One OAuth 2.0 access-token source per desk for IMAP and SMTP (XOAUTH2): tokens come from
 * the refresh token, are cached, refreshed a margin before they expire and, once, after the
 * server refused one. Concurrent callers share one refresh. Tokens never appear in errors
 * or logs: a failed refresh reports the endpoint's error code only.
 */
import type { Clock, Logger } from '../../src/core/ports.js';

export interface OAuthClientOptions {
  tokenUrl: string;
  clientId: string;
  /** Optional: Microsoft public clients (device-code flow) have none. */
  clientSecret?: string;
  refreshToken: string;
  /** Sent with the refresh when set (Microsoft wants the scopes again). */
  scope?: string;
}

export interface TokenSourceOptions extends OAuthClientOptions {
  logger: Logger;
  clock: Clock;
  /** Refresh this long before the token's expiry. Default 5 minutes. */
  marginMs?: number;
  fetch?: typeof fetch;
}

export interface AccessTokens {
  /** A valid access token (cached, or fetched now). */
  get(): Promise<string>;
  /**
   * The server refused `failed`: the next get() fetches a new token, unless another caller
   * already replaced it (so two refusals of the same token cost one refresh).
   */
  invalidate(failed: string): void;
  /** Refreshes done so far (tests, health). */
  readonly refreshes: number;
}

const DEFAULT_MARGIN_MS = 5 * 60_000;

export class OAuthTokenSource implements AccessTokens {
  private token: string | undefined;
  private refreshAt = 0;
  private inflight: Promise<string> | undefined;
  private refreshToken: string;
  refreshes = 0;

  constructor(private readonly options: TokenSourceOptions) {
    this.refreshToken = options.refreshToken;
  }

  get(): Promise<string> {
    if (this.token && this.options.clock.now().getTime() < this.refreshAt) return Promise.resolve(this.token);
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  invalidate(failed: string): void {
    if (this.token === failed) {
      this.token = undefined;
      this.refreshAt = 0;
    }
  }

  private async refresh(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, scope, logger, clock } = this.options;
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: this.refreshToken,
      ...(clientSecret ? { client_secret: clientSecret } : {}),
      ...(scope ? { scope } : {}),
    });
    this.refreshes++;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'oauth token refresh failed (network)');
      throw Object.assign(new Error('oauth token endpoint unreachable'), { code: 'EOAUTH' });
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    const accessToken = typeof body.access_token === 'string' ? body.access_token : undefined;
    if (!response.ok || !accessToken) {
      const code = typeof body.error === 'string' ? body.error.slice(0, 60) : `http ${response.status}`;
      logger.warn({ status: response.status, code }, 'oauth token refresh refused');
      throw Object.assign(new Error(`oauth token refresh refused (${code})`), { code: 'EOAUTH' });
    }
    // Microsoft may rotate the refresh token; the new one is kept for this run.
    if (typeof body.refresh_token === 'string' && body.refresh_token) this.refreshToken = body.refresh_token;
    const lifetimeMs = Number(body.expires_in ?? 3600) * 1000;
    const margin = Math.min(this.options.marginMs ?? DEFAULT_MARGIN_MS, lifetimeMs / 2);
    this.token = accessToken;
    this.refreshAt = clock.now().getTime() + lifetimeMs - margin;
    logger.info({ expiresInS: Math.round(lifetimeMs / 1000) }, 'oauth access token refreshed');
    return accessToken;
  }
}

/** "Bearer was refused": IMAP AUTHENTICATIONFAILED or SMTP EAUTH / 535. */
export function isAuthFailure(err: unknown): boolean {
  const e = err as { authenticationFailed?: boolean; code?: string; responseCode?: number } | undefined;
  return !!e && (e.authenticationFailed === true || e.code === 'EAUTH' || e.responseCode === 535);
}
