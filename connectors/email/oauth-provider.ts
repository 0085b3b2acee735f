/** What each OAuth mail provider needs: token endpoint, scopes and server defaults. */
export type OAuthProvider = 'google' | 'microsoft';

export interface ProviderDefaults {
  tokenUrl: string;
  /** Scopes asked for when getting the refresh token (and, for Microsoft, on refresh). */
  scope: string;
  imap: { host: string; port: number; secure: boolean };
  smtp: { host: string; port: number; secure: boolean };
}

export const GOOGLE_SCOPE = 'https://mail.google.com/';
export const MICROSOFT_SCOPE =
  'offline_access https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send';

export function providerDefaults(provider: OAuthProvider, tenant = 'common'): ProviderDefaults {
  if (provider === 'google') {
    return {
      tokenUrl: 'https://oauth2.googleapis.com/token',
      scope: GOOGLE_SCOPE,
      imap: { host: 'imap.gmail.com', port: 993, secure: true },
      smtp: { host: 'smtp.gmail.com', port: 465, secure: true },
    };
  }
  return {
    tokenUrl: `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
    scope: MICROSOFT_SCOPE,
    imap: { host: 'outlook.office365.com', port: 993, secure: true },
    // Microsoft 365 submission is STARTTLS on 587 only.
    smtp: { host: 'smtp.office365.com', port: 587, secure: false },
  };
}
