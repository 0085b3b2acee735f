/** imapflow's `auth` for a session: the password, or a current OAuth access token (XOAUTH2). */
import type { AccessTokens } from './oauth-token.js';
import type { ImapOptions } from './options.js';

export type ImapAuth = { user: string; pass: string } | { user: string; accessToken: string };

export async function imapAuth(imap: ImapOptions, tokens: AccessTokens | undefined): Promise<ImapAuth> {
  if (tokens) return { user: imap.user, accessToken: await tokens.get() };
  return { user: imap.user, pass: imap.pass ?? '' };
}

/** After AUTHENTICATIONFAILED: the token it used is void, so the next session refreshes. */
export function authRefused(auth: ImapAuth, tokens: AccessTokens | undefined): void {
  if (tokens && 'accessToken' in auth) tokens.invalidate(auth.accessToken);
}
