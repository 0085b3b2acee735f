/**
 * Walks the owner through getting the OAuth refresh token for Gmail or Microsoft 365 mail:
 *
 *   npm run email:oauth
 *
 * Reads EMAIL_OAUTH_PROVIDER, EMAIL_OAUTH_CLIENT_ID, EMAIL_OAUTH_CLIENT_SECRET and
 * EMAIL_OAUTH_TENANT from the environment / .env. Microsoft: the device-code flow (open a
 * page, type a code). Google: the installed-app loopback flow with PKCE (a one-shot HTTP
 * server on 127.0.0.1 receives the consent). Instructions go to stderr; stdout carries only
 * the lines to put in `.env`. No access token is ever printed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { GOOGLE_SCOPE, MICROSOFT_SCOPE, providerDefaults } from '../connectors/email/oauth-provider.js';
import { loadConfig } from '../src/config.js';

export interface FlowIO {
  /** Instructions for the owner (stderr in the script). */
  say(line: string): void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

interface TokenReply {
  refresh_token?: string;
  error?: string;
  error_description?: string;
  interval?: number;
}

async function postForm(
  io: FlowIO,
  url: string,
  form: Record<string, string>,
): Promise<TokenReply & Record<string, unknown>> {
  const response = await (io.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  return (await response.json().catch(() => ({ error: `http ${response.status}` }))) as TokenReply &
    Record<string, unknown>;
}

function refreshTokenOf(reply: TokenReply): string {
  if (!reply.refresh_token) {
    throw new Error(`no refresh token returned (${reply.error ?? 'was offline access granted?'})`);
  }
  return reply.refresh_token;
}

export interface DeviceFlowOptions {
  clientId: string;
  clientSecret?: string;
  deviceCodeUrl: string;
  tokenUrl: string;
  scope?: string;
}

/** Microsoft's device-code flow (RFC 8628): POST /devicecode, show the code, poll /token. */
export async function microsoftDeviceFlow(options: DeviceFlowOptions, io: FlowIO): Promise<string> {
  const sleep = io.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = await postForm(io, options.deviceCodeUrl, {
    client_id: options.clientId,
    scope: options.scope ?? MICROSOFT_SCOPE,
  });
  const deviceCode = start.device_code;
  if (typeof deviceCode !== 'string')
    throw new Error(`device code refused (${start.error ?? 'unknown error'})`);
  io.say(`Open ${String(start.verification_uri)} in a browser and enter the code ${String(start.user_code)}`);
  io.say('Sign in with the support mailbox and accept; waiting…');
  let interval = Number(start.interval ?? 5);
  const deadline = Date.now() + Number(start.expires_in ?? 900) * 1000;
  while (Date.now() < deadline) {
    await sleep(interval * 1000);
    const reply = await postForm(io, options.tokenUrl, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: options.clientId,
      device_code: deviceCode,
      ...(options.clientSecret ? { client_secret: options.clientSecret } : {}),
    });
    if (reply.error === 'authorization_pending') continue;
    if (reply.error === 'slow_down') {
      interval += 5;
      continue;
    }
    if (reply.error) throw new Error(`sign-in failed (${reply.error})`);
    return refreshTokenOf(reply);
  }
  throw new Error('the code expired before the sign-in was finished; run it again');
}

export interface LoopbackFlowOptions {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  scope?: string;
  /** How long to wait for the browser. Default 10 minutes. */
  timeoutMs?: number;
}

/** Google's installed-app flow: consent URL with PKCE, the code back on a 127.0.0.1 listener. */
export async function googleLoopbackFlow(options: LoopbackFlowOptions, io: FlowIO): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  let redirectUri = '';
  const code = await new Promise<string>((resolve, reject) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const got = url.searchParams.get('code');
      if (url.searchParams.get('state') !== state || (!got && !url.searchParams.get('error'))) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('Unexpected request.');
        return;
      }
      const ok = !!got;
      res
        .writeHead(ok ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8' })
        .end(ok ? 'Done: you can close this tab and go back to the terminal.' : 'Consent was not given.');
      finish(ok ? undefined : new Error(`consent refused (${url.searchParams.get('error')})`), got ?? '');
    });
    const timer = setTimeout(
      () => finish(new Error('no answer from the browser in time; run it again'), ''),
      options.timeoutMs ?? 10 * 60_000,
    );
    function finish(err: Error | undefined, value: string) {
      clearTimeout(timer);
      server.closeAllConnections();
      server.close();
      if (err) reject(err);
      else resolve(value);
    }
    server.once('error', (err) => finish(err, ''));
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      redirectUri = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const consent = new URL(options.authorizeUrl);
      for (const [k, v] of Object.entries({
        client_id: options.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: options.scope ?? GOOGLE_SCOPE,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state,
        access_type: 'offline',
        prompt: 'consent',
      }))
        consent.searchParams.set(k, v);
      io.say(
        'Open this URL in a browser on this machine, sign in with the support mailbox and allow access:',
      );
      io.say(consent.toString());
    });
  });
  const reply = await postForm(io, options.tokenUrl, {
    grant_type: 'authorization_code',
    code,
    client_id: options.clientId,
    client_secret: options.clientSecret,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  return refreshTokenOf(reply);
}

/** The `.env` lines: everything the desk needs, nothing else. */
export function envLines(settings: {
  provider: 'google' | 'microsoft';
  clientId: string;
  clientSecret?: string | undefined;
  tenant?: string | undefined;
  refreshToken: string;
}): string[] {
  return [
    `EMAIL_OAUTH_PROVIDER=${settings.provider}`,
    `EMAIL_OAUTH_CLIENT_ID=${settings.clientId}`,
    ...(settings.clientSecret ? [`EMAIL_OAUTH_CLIENT_SECRET=${settings.clientSecret}`] : []),
    ...(settings.tenant ? [`EMAIL_OAUTH_TENANT=${settings.tenant}`] : []),
    `EMAIL_OAUTH_REFRESH_TOKEN=${settings.refreshToken}`,
  ];
}

async function main(): Promise<void> {
  const config = loadConfig();
  const provider = config.EMAIL_OAUTH_PROVIDER;
  const clientId = config.EMAIL_OAUTH_CLIENT_ID;
  if (!provider || !clientId) {
    throw new Error(
      'set EMAIL_OAUTH_PROVIDER (google or microsoft) and EMAIL_OAUTH_CLIENT_ID first (see README)',
    );
  }
  const io: FlowIO = { say: (line) => console.error(line) };
  const tenant = config.EMAIL_OAUTH_TENANT;
  const tokenUrl = config.EMAIL_OAUTH_TOKEN_URL ?? providerDefaults(provider, tenant).tokenUrl;
  const clientSecret = config.EMAIL_OAUTH_CLIENT_SECRET;
  let refreshToken: string;
  if (provider === 'microsoft') {
    const base = `https://login.microsoftonline.com/${encodeURIComponent(tenant ?? 'common')}/oauth2/v2.0`;
    refreshToken = await microsoftDeviceFlow(
      { clientId, ...(clientSecret ? { clientSecret } : {}), deviceCodeUrl: `${base}/devicecode`, tokenUrl },
      io,
    );
  } else {
    if (!clientSecret) throw new Error('set EMAIL_OAUTH_CLIENT_SECRET (the Desktop app client secret) first');
    refreshToken = await googleLoopbackFlow(
      { clientId, clientSecret, authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth', tokenUrl },
      io,
    );
  }
  io.say(
    'Put these lines in .env (keep the refresh token secret), with IMAP_USER set to the mailbox address:',
  );
  console.log(envLines({ provider, clientId, clientSecret, tenant, refreshToken }).join('\n'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`email:oauth failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
