/**
 * Finding customers and messages (`/cs find`): the port the stores implement, and the pure
 * text rules both stores share so they find the same things.
 *
 * Why our own terms rather than a store's tokenizer: neither SQLite's unicode61 nor MongoDB's
 * text index splits Chinese (a whole run of Han characters is one "word"), and FTS5's trigram
 * tokenizer cannot answer the 1–2 character queries that are most of Chinese search (退货,
 * 发票). So every text is turned into space-separated terms here: words of letters/digits as
 * they are (lower-cased, NFKC), and every CJK run as its single characters plus its overlapping
 * bigrams (退货了 → 退 货 了 退货 货了). A query becomes terms the same way, except that a CJK
 * run of two or more characters becomes only its bigrams (all required): a 2-character query is
 * then one exact term lookup, and a longer one an AND of bigrams (rare false positives, which
 * the snippet makes visible). Words are matched as prefixes (retur → return, returned).
 * Measured on the benchmark's million messages: see scripts/bench-stats.ts.
 */

/** What a store finds for a query; the command ranks and renders it. */
export interface SearchResults {
  customers: CustomerMatch[];
  messages: MessageMatch[];
}

export interface CustomerMatch {
  customerId: string;
  name?: string;
  /** Which field matched, and its value (an address, the note, the tags). */
  field: 'name' | 'address' | 'note' | 'tag';
  value: string;
}

export interface MessageMatch {
  messageId: string;
  customerId: string;
  customerName?: string;
  channel: string;
  direction: 'in' | 'out';
  createdAt: Date;
  /** The message text the snippet is cut from (subject first when there is one). */
  text: string;
}

export interface SearchQuery {
  text: string;
  /** At most this many messages (default 20). */
  limit?: number;
}

/** Implemented by both stores; handed to `/cs find` alone (not the whole Store). */
export interface SearchSource {
  search(query: SearchQuery): Promise<SearchResults>;
}

/** The owner's private note and tags on a customer. */
export interface CustomerNotes {
  note?: string;
  tags: string[];
}

export interface CustomerNotesSource {
  customerNotes(customerId: string): Promise<CustomerNotes>;
  /** An empty note removes it. */
  setCustomerNote(customerId: string, note: string): Promise<void>;
  setCustomerTags(customerId: string, tags: readonly string[]): Promise<void>;
}

/** The customer fields the card shows and `/cs find` searches, from comma-separated text. */
export function parseTags(text: string): string[] {
  const tags = new Map<string, string>();
  for (const raw of text.split(/[,，、\n]/)) {
    const tag = raw.trim().replace(/\s+/g, ' ').slice(0, 40);
    if (tag && !tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  }
  return [...tags.values()].slice(0, 20);
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]+/gu;
const CJK_SPLIT = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)/u;

export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The words and CJK runs of a text, in order. */
function pieces(text: string): { word: string; cjk: boolean }[] {
  const out: { word: string; cjk: boolean }[] = [];
  for (const m of normaliseSearchText(text).matchAll(WORD)) {
    for (const part of m[0].split(CJK_SPLIT)) {
      if (part) out.push({ word: part, cjk: CJK.test(part) });
    }
  }
  return out;
}

/** The terms a text is indexed under (see the header). */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const { word, cjk } of pieces(text)) {
    if (!cjk) {
      terms.push(word);
      continue;
    }
    const chars = [...word];
    for (let i = 0; i < chars.length; i++) {
      terms.push(chars[i] as string);
      if (i + 1 < chars.length) terms.push((chars[i] as string) + (chars[i + 1] as string));
    }
  }
  return terms;
}

/** The distinct terms of a message: its text, subject and the order numbers, emails and phones found in it. */
export function messageTerms(m: {
  text?: string | null;
  fullText?: string | null;
  subject?: string | null;
  entities?: { orderNumbers?: string[]; emails?: string[]; phones?: string[] } | undefined;
}): string[] {
  const e = m.entities;
  const parts = [
    m.subject ?? '',
    m.fullText ?? m.text ?? '',
    ...(e?.orderNumbers ?? []),
    ...(e?.emails ?? []),
    // A phone entity is E.164: its digits alone, so "4155550199" finds "+1 (415) 555-0199".
    ...(e?.phones ?? []).flatMap((p) => [p, p.replace(/\D/g, '')]),
  ];
  return [...new Set(parts.flatMap(indexTerms))];
}

/** messageTerms over the stored columns (SQLite keeps the classification as JSON). */
export function messageTermsFromRow(
  text: string | null,
  fullText: string | null,
  subject: string | null,
  classificationJson: string | null,
): string {
  let entities: { orderNumbers?: string[]; emails?: string[]; phones?: string[] } | undefined;
  if (classificationJson) {
    try {
      entities = (JSON.parse(classificationJson) as { entities?: typeof entities }).entities;
    } catch {
      entities = undefined;
    }
  }
  return messageTerms({ text, fullText, subject, entities }).join(' ');
}

export interface ParsedQuery {
  /** The normalised query, for substring matches on customer fields. */
  raw: string;
  /** Every term must match; `prefix` terms match as word prefixes. */
  terms: { term: string; prefix: boolean }[];
  /** The query's digits when it reads as a phone number (7+ digits, only phone punctuation). */
  phoneDigits?: string;
}

export function parseSearchQuery(text: string): ParsedQuery {
  const raw = normaliseSearchText(text).trim().replace(/\s+/g, ' ');
  const terms: ParsedQuery['terms'] = [];
  for (const { word, cjk } of pieces(raw)) {
    if (!cjk) {
      terms.push({ term: word, prefix: true });
      continue;
    }
    const chars = [...word];
    if (chars.length === 1) terms.push({ term: word, prefix: false });
    for (let i = 0; i + 1 < chars.length; i++)
      terms.push({ term: (chars[i] as string) + (chars[i + 1] as string), prefix: false });
  }
  const unique = [...new Map(terms.map((t) => [`${t.term}|${t.prefix}`, t])).values()];
  const digits = raw.replace(/\D/g, '');
  const phoneLike = /^[+\d\s().-]+$/.test(raw) && digits.length >= 7;
  return { raw, terms: unique.slice(0, 16), ...(phoneLike ? { phoneDigits: digits } : {}) };
}

/**
 * The last 10 digits of a phone query: "415 555 0199" and "+1 415 555 0199" both find the
 * E.164 identity +14155550199 (a national number without its country code).
 */
export function phoneSuffix(digits: string): string {
  return digits.length > 10 ? digits.slice(-10) : digits;
}

/** A short piece of `text` around the first place the query matches, on one line. */
export function searchSnippet(text: string, query: ParsedQuery, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = normaliseSearchText(flat);
  let at = lower.indexOf(query.raw);
  if (at < 0 && query.terms[0]) at = lower.indexOf(query.terms[0].term);
  if (at < 0 || flat.length <= max) return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
  const start = Math.max(0, at - Math.floor(max / 3));
  const end = Math.min(flat.length, start + max);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

/** Messages best first: those holding the whole query as typed, then inbound, then newest. */
export function rankMessages(messages: MessageMatch[], query: ParsedQuery): MessageMatch[] {
  const score = (m: MessageMatch) =>
    (normaliseSearchText(m.text).includes(query.raw) ? 2 : 0) + (m.direction === 'in' ? 1 : 0);
  return [...messages].sort((a, b) => score(b) - score(a) || b.createdAt.getTime() - a.createdAt.getTime());
}
