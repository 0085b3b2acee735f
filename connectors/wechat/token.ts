/**
 * The access_token every API call needs: fetched with GET /cgi-bin/token, valid ~7200 s, and
 * the fetch itself is limited per day (about 2000) while a new fetch invalidates the old token.
 * So one token is cached and shared by all sends, one fetch runs at a time (single-flight),
 * it is renewed five minutes before expiry, and dropped only when WeChat calls it invalid or
 * expired (40001, 40014, 42001) — and only if it is still the one that failed.
 */
import type { Clock } from '../../src/core/ports.js';

const RENEW_BEFORE_MS = 5 * 60_000;
export const TOKEN_ERRORS: ReadonlySet<number> = new Set([40001, 40014, 42001]);

export class TokenError extends Error {
  constructor(
    readonly errcode: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export class AccessTokenCache {
  private current?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly apiUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly clock: Clock,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async get(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.current && this.current.expiresAt - RENEW_BEFORE_MS > now) return this.current.token;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** WeChat refused `token`: forget it unless a newer one replaced it meanwhile. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL(`${this.apiUrl}/cgi-bin/token`);
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.appId);
    url.searchParams.set('secret', this.appSecret);
    // The URL carries the secret: it is never logged, and errors name only the code.
    const response = await this.fetchFn(url, { signal: AbortSignal.timeout(15_000) });
    const json = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      errcode?: number;
      errmsg?: string;
    };
    if (!json.access_token) {
      throw new TokenError(
        json.errcode,
        `WeChat gave no access_token (errcode ${json.errcode ?? `HTTP ${response.status}`})`,
      );
    }
    const lifetime = (Number(json.expires_in) > 0 ? Number(json.expires_in) : 7200) * 1000;
    this.current = { token: json.access_token, expiresAt: this.clock.now().getTime() + lifetime };
    return json.access_token;
  }
}
