/**
 * Sender authentication as the receiving server recorded it: the `Authentication-Results`
 * header (RFC 8601) read into DMARC / SPF / DKIM results, and one verdict about the From
 * address.
 *
 * Which header counts: anyone can put an Authentication-Results header into a mail they send,
 * so only the receiving server's is read. With EMAIL_AUTHSERV_ID set, the topmost header
 * carrying that authserv-id; without it, the topmost header (the last hop, which is our
 * server when it records results at all). A header forged by the sender can therefore only
 * be read when our server adds none, and then only a "fail" changes anything, which hurts
 * only the forger.
 *
 * The verdict, with `fromDomain` the domain of the From address and "aligned" meaning the
 * same domain or one a subdomain of the other (DMARC's relaxed alignment, without a public
 * suffix list):
 * - `fail` when dmarc=fail (DMARC already weighed SPF and DKIM and found neither aligned);
 * - else, with no usable DMARC result, `fail` when spf=fail (a hard fail, not softfail) for an
 *   envelope sender aligned with the From domain, and no DKIM signature aligned with the From
 *   domain passed (a valid signature proves the domain even when forwarding broke SPF);
 * - `pass` when dmarc=pass, or an aligned dkim=pass or spf=pass;
 * - `none` otherwise, including no header at all: today's behaviour, since many small servers
 *   record nothing. dkim=fail alone or spf=softfail/neutral never fail a sender (RFC 6376 §6.1:
 *   a broken signature is as if unsigned; forwarders and lists break them every day).
 */

export interface AuthResult {
  /** `dmarc`, `spf`, `dkim`, … lower-cased. */
  method: string;
  /** `pass`, `fail`, `softfail`, `none`, … lower-cased. */
  result: string;
  /** `smtp.mailfrom`, `header.d`, `header.from`, … (ptype.property lower-cased) → value. */
  props: Record<string, string>;
}

export interface AuthResultsHeader {
  authservId: string;
  results: AuthResult[];
}

export type SenderVerdict =
  { verdict: 'pass'; reason: string } | { verdict: 'fail'; reason: string } | { verdict: 'none' };

/** Drops RFC 5322 comments (nested parentheses) outside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      if (depth === 0) out += ch + value[i + 1];
      i++;
      continue;
    }
    if (quoted) {
      out += ch;
      if (ch === '"') quoted = false;
    } else if (ch === '"' && depth === 0) {
      quoted = true;
      out += ch;
    } else if (ch === '(') {
      depth++;
      out += ' ';
    } else if (ch === ')' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      out += ch;
    }
  }
  return out;
}

/** Splits on `sep` outside quoted strings. */
function splitOutsideQuotes(value: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && quoted && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (!quoted && sep.test(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2
    ? value.slice(1, -1).replace(/\\(.)/g, '$1')
    : value;
}

/** One header value (without the `Authentication-Results:` name) → its results; undefined if malformed. */
export function parseAuthResults(value: string): AuthResultsHeader | undefined {
  const clean = stripComments(value.replace(/\r?\n[ \t]+/g, ' '));
  const [head, ...resinfos] = splitOutsideQuotes(clean, /;/);
  // authserv-id [version]: the id is the first word.
  const authservId = head?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return undefined;
  const results: AuthResult[] = [];
  for (const resinfo of resinfos) {
    // CFWS is allowed around "=": join `a = b` into `a=b` before splitting into words.
    const words = splitOutsideQuotes(resinfo.replace(/\s*=\s*/g, '='), /\s/);
    const [methodspec, ...rest] = words;
    const m = /^([a-z0-9_-]+)(?:\/[0-9]+)?=([a-z0-9_-]+)$/i.exec(methodspec ?? '');
    if (!m) continue; // `none` (no results) or a malformed entry
    const props: Record<string, string> = {};
    for (const word of rest) {
      const p = /^([a-z0-9_-]+(?:\.[a-z0-9_-]+)?)=(.*)$/i.exec(word);
      if (p) props[p[1]!.toLowerCase()] = unquote(p[2]!);
    }
    results.push({ method: m[1]!.toLowerCase(), result: m[2]!.toLowerCase(), props });
  }
  return { authservId, results };
}

/**
 * The header to trust among all of a mail's Authentication-Results values, topmost first:
 * the first with `authservId` when one is configured, else the first.
 */
export function trustedAuthResults(
  values: readonly string[],
  authservId?: string,
): AuthResultsHeader | undefined {
  const wanted = authservId?.trim().toLowerCase();
  for (const value of values) {
    const parsed = parseAuthResults(value);
    if (!parsed) continue;
    if (!wanted || parsed.authservId === wanted) return parsed;
  }
  return undefined;
}

function domainOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const at = value.lastIndexOf('@');
  const domain = (at >= 0 ? value.slice(at + 1) : value)
    .trim()
    .toLowerCase()
    .replace(/[>.]+$/, '');
  return domain || undefined;
}

/** Relaxed alignment: the same domain, or one a subdomain of the other. */
export function aligned(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  // A bare TLD never aligns with everything under it.
  return shorter.includes('.') && longer.endsWith(`.${shorter}`);
}

/** What the receiving server's results say about mail claiming to be from `fromAddress`. */
export function senderVerdict(header: AuthResultsHeader | undefined, fromAddress: string): SenderVerdict {
  if (!header) return { verdict: 'none' };
  const fromDomain = domainOf(fromAddress);
  const of = (method: string) => header.results.filter((r) => r.method === method);

  const dmarc = of('dmarc').filter((r) => {
    const d = domainOf(r.props['header.from']);
    return d === undefined || aligned(d, fromDomain);
  });
  if (dmarc.some((r) => r.result === 'fail')) return { verdict: 'fail', reason: 'dmarc=fail' };
  if (dmarc.some((r) => r.result === 'pass')) return { verdict: 'pass', reason: 'dmarc=pass' };

  const dkimPass = of('dkim').some(
    (r) => r.result === 'pass' && aligned(domainOf(r.props['header.d'] ?? r.props['header.i']), fromDomain),
  );
  const spf = of('spf').filter((r) => {
    const mailfrom = r.props['smtp.mailfrom'];
    // A result about the HELO name alone says nothing about the sender.
    if (mailfrom === undefined) return r.props['smtp.helo'] === undefined;
    return aligned(domainOf(mailfrom), fromDomain);
  });
  if (spf.some((r) => r.result === 'fail') && !dkimPass)
    return { verdict: 'fail', reason: 'spf=fail, no dkim=pass' };
  if (dkimPass) return { verdict: 'pass', reason: 'dkim=pass' };
  if (spf.some((r) => r.result === 'pass')) return { verdict: 'pass', reason: 'spf=pass' };
  return { verdict: 'none' };
}
