/**
 * Which pages may open a chat socket. Browsers always send `Origin` on a WebSocket upgrade,
 * so a page on another site cannot talk to the desk as if it were the embedding site.
 * With no list configured, the desk's own PUBLIC_URL origin and the host the request was
 * addressed to (the demo page, a reverse proxy on the same host) are allowed.
 */

export interface OriginPolicy {
  allows(origin: string | undefined, host: string | undefined): boolean;
  /** What the policy allows, for the startup log. */
  describe(): string;
}

/** `https://Shop.example:443/path` → `https://shop.example`; undefined when not an http(s) origin. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin.toLowerCase();
  } catch {
    return undefined;
  }
}

export function createOriginPolicy(configured: readonly string[], publicUrl: string): OriginPolicy {
  const any = configured.includes('*');
  const listed = new Set<string>();
  for (const entry of configured) {
    if (entry === '*') continue;
    const origin = normaliseOrigin(entry);
    if (!origin) throw new Error(`webchat: WEBCHAT_ORIGINS has an entry that is not an http(s) origin`);
    listed.add(origin);
  }
  const own = normaliseOrigin(publicUrl);
  const useDefaults = configured.length === 0;

  return {
    allows(origin, host) {
      if (!origin || origin === 'null') return false;
      const normalised = normaliseOrigin(origin);
      if (!normalised) return false;
      if (any) return true;
      if (!useDefaults) return listed.has(normalised) || normalised === own;
      if (normalised === own) return true;
      // Same host: the page was served by the very host the upgrade is addressed to.
      if (!host) return false;
      return new URL(normalised).host === host.trim().toLowerCase();
    },
    describe() {
      if (any) return 'any origin (*)';
      if (!useDefaults) return [...listed, own].filter(Boolean).join(', ');
      return `${own ?? '(no PUBLIC_URL)'} and same-host pages`;
    },
  };
}
