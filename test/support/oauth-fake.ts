/**
 * A local OAuth 2.0 authorization server for the XOAUTH2 tests: the token endpoint (refresh,
 * device-code and authorization-code grants), Microsoft's /devicecode, and an RFC 7662
 * introspection endpoint that Dovecot's oauth2 passdb and the SMTP recorder ask. It knows
 * which access tokens are valid, and a test can expire one early.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface OAuthFake {
  url: string;
  tokenUrl: string;
  deviceCodeUrl: string;
  introspectUrl: string;
  clientId: string;
  clientSecret: string;
  /** The refresh token the owner got once; the desk trades it for access tokens. */
  refreshToken: string;
  /** Access tokens handed out, in order. */
  issued: string[];
  /** Refresh-token grants served. */
  refreshes: number;
  /** Introspection requests served (Dovecot and the SMTP recorder). */
  introspections: number;
  /** Whether `token` is a live access token for `user` (what Dovecot and the SMTP server ask). */
  check(token: string): string | undefined;
  /** Makes every access token issued so far invalid, as an expiry would. */
  expireAll(): void;
  /** The user's approval of the pending device code (Microsoft) arrives after this many polls. */
  approveDeviceAfterPolls: number;
  /** The authorization code the loopback flow's browser step would return (with its PKCE check). */
  authorize(params: { codeChallenge: string; redirectUri: string }): string;
  stop(): Promise<void>;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startOAuthFake(
  options: { user?: string; expiresIn?: number } = {},
): Promise<OAuthFake> {
  const user = options.user ?? 'support@shop.example';
  const live = new Map<string, string>();
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  let deviceCode: string | undefined;
  let polls = 0;
  const fake = {
    clientId: 'desk-client-id',
    clientSecret: 'desk-client-secret',
    refreshToken: `rt-${randomBytes(12).toString('hex')}`,
    issued: [] as string[],
    refreshes: 0,
    introspections: 0,
    approveDeviceAfterPolls: 1,
  };

  function issue(): { access_token: string; expires_in: number; token_type: string } {
    const token = `at-${randomBytes(16).toString('hex')}`;
    live.set(token, user);
    fake.issued.push(token);
    return { access_token: token, expires_in: options.expiresIn ?? 3600, token_type: 'Bearer' };
  }

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    void form(req).then((p) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method !== 'POST') return send(405, { error: 'method_not_allowed' });
      if (path === '/introspect') {
        fake.introspections++;
        const owner = live.get(p.get('token') ?? '');
        return send(200, owner ? { active: true, username: owner, email: owner } : { active: false });
      }
      if (path === '/devicecode') {
        if (p.get('client_id') !== fake.clientId) return send(400, { error: 'invalid_client' });
        deviceCode = `dc-${randomBytes(8).toString('hex')}`;
        polls = 0;
        return send(200, {
          device_code: deviceCode,
          user_code: 'ABCD-EFGH',
          verification_uri: 'https://microsoft.com/devicelogin',
          expires_in: 900,
          interval: 1,
          message: 'To sign in, open https://microsoft.com/devicelogin and enter ABCD-EFGH.',
        });
      }
      if (path !== '/token') return send(404, { error: 'not_found' });
      if (p.get('client_id') !== fake.clientId) return send(401, { error: 'invalid_client' });
      const secret = p.get('client_secret');
      if (secret !== null && secret !== fake.clientSecret) return send(401, { error: 'invalid_client' });
      const grant = p.get('grant_type');
      if (grant === 'refresh_token') {
        if (p.get('refresh_token') !== fake.refreshToken) return send(400, { error: 'invalid_grant' });
        fake.refreshes++;
        return send(200, issue());
      }
      if (grant === 'urn:ietf:params:oauth:grant-type:device_code') {
        if (!deviceCode || p.get('device_code') !== deviceCode) return send(400, { error: 'expired_token' });
        if (++polls <= fake.approveDeviceAfterPolls) return send(400, { error: 'authorization_pending' });
        deviceCode = undefined;
        return send(200, { ...issue(), refresh_token: fake.refreshToken });
      }
      if (grant === 'authorization_code') {
        const code = codes.get(p.get('code') ?? '');
        const verifier = p.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!code || code.challenge !== challenge || code.redirectUri !== p.get('redirect_uri'))
          return send(400, { error: 'invalid_grant' });
        codes.delete(p.get('code') ?? '');
        return send(200, { ...issue(), refresh_token: fake.refreshToken });
      }
      return send(400, { error: 'unsupported_grant_type' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return Object.assign(fake, {
    url,
    tokenUrl: `${url}/token`,
    deviceCodeUrl: `${url}/devicecode`,
    introspectUrl: `${url}/introspect`,
    check: (token: string) => live.get(token),
    expireAll: () => live.clear(),
    authorize({ codeChallenge, redirectUri }: { codeChallenge: string; redirectUri: string }) {
      const code = `code-${randomBytes(8).toString('hex')}`;
      codes.set(code, { challenge: codeChallenge, redirectUri });
      return code;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
