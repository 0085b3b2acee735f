/**
 * Loads the licensed intent data sets copied into data-sets/ (see each folder's SOURCE.md)
 * and the team-written examples, mapped onto our 10 labels by data-sets/mapping.json.
 * Used only by scripts/train.ts and scripts/eval.ts, never at run time.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { INTENTS, URGENCIES, type Intent, type RequestedChannel, type Urgency } from '../../core/model.js';

export const DATA_SETS_DIR = fileURLToPath(new URL('../../../data-sets/', import.meta.url));

export interface Example {
  text: string;
  intent: Intent;
  source: string;
  /** Relative training weight (team-written realistic examples count more). */
  weight?: number;
  /** Urgency label, where the set has one (the team sets). */
  urgency?: Urgency;
}

interface Mapping {
  bitext: Record<string, string>;
  clinc150: Record<string, string>;
  banking77: Record<string, string>;
}

function mapping(): Mapping {
  return JSON.parse(readFileSync(join(DATA_SETS_DIR, 'mapping.json'), 'utf8')) as Mapping;
}

function toIntent(target: string | undefined): Intent | undefined {
  if (!target || target === 'DROP') return undefined;
  const label = target.split('|')[0] as Intent;
  return INTENTS.includes(label) ? label : undefined;
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, embedded newlines). */
export function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function csvFile(path: string, sep = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'), sep);
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export function bitext(split: 'train' | 'dev' | 'test'): Example[] {
  const map = mapping().bitext;
  const out: Example[] = [];
  for (const r of csvFile(join(DATA_SETS_DIR, 'bitext', `${split}.csv`))) {
    const intent = toIntent(map[r.intent ?? '']);
    if (intent && r.utterance) out.push({ text: r.utterance, intent, source: `bitext-${split}` });
  }
  return out;
}

export function banking77(split: 'train' | 'test'): Example[] {
  const map = mapping().banking77;
  const out: Example[] = [];
  for (const r of csvFile(join(DATA_SETS_DIR, 'banking77', `${split}.csv`))) {
    const intent = toIntent(map[r.category ?? '']);
    if (intent && r.text) out.push({ text: r.text, intent, source: `banking77-${split}` });
  }
  return out;
}

type ClincKey = 'train' | 'val' | 'test' | 'oos_train' | 'oos_val' | 'oos_test';

/**
 * Unmapped CLINC intents too close to a shop's billing/order vocabulary to teach `other`
 * (credit limits, APRs, "cancel that"): left out of training rather than taught as noise.
 */
function clincAmbiguous(): Set<string> {
  const domains = JSON.parse(readFileSync(join(DATA_SETS_DIR, 'clinc150', 'domains.json'), 'utf8')) as Record<
    string,
    string[]
  >;
  const skip = (process.env.CLINC_SKIP ?? 'banking,credit_cards').split(',').filter(Boolean);
  return new Set([
    ...skip.flatMap((d) => domains[d] ?? []),
    'cancel',
    'order_checks',
    'shopping_list_update',
  ]);
}

/**
 * Thanks and praise inside the assistant sets' `other` intents: HWU64 general_affirm ("it's
 * perfect", "amazing response"), CLINC goodbye ("thanks for chatting", "great talk") and yes
 * ("that would be awesome"). To a shop these are `feedback_praise` (PRODUCT.md: thanks, praise);
 * taught as `other` they pulled real praise ("perfect thanks 👍", "the photos are stunning") out
 * of scope. They are left out of training (not relabelled: they are about an assistant, not a
 * business). CLINC's `oos` rows are never dropped (they hold the out-of-scope recall).
 */
const PRAISE_LIKE =
  /\b(thanks?|thank you|thx|cheers|appreciated?|perfect(ly)?|wonderful|fantastic|excellent|awesome|amazing|brilliant|superb|great (job|work|response|chat|talk|conversation|to)|(nice|good|lovely|great) (talking|chatting|to (talk|speak|see|chat|converse|catch))|well done|love (it|this|that))\b/i;

export function praiseLike(text: string): boolean {
  return PRAISE_LIKE.test(text);
}

/** CLINC150 rows; unmapped in-scope intents become `other` (every `keepOther`-th kept). */
export function clinc150(key: ClincKey, keepOther = 1): Example[] {
  const map = mapping().clinc150;
  const data = JSON.parse(readFileSync(join(DATA_SETS_DIR, 'clinc150', 'data_full.json'), 'utf8')) as Record<
    ClincKey,
    [string, string][]
  >;
  const out: Example[] = [];
  const ambiguous = clincAmbiguous();
  let n = 0;
  for (const [text, label] of data[key]) {
    const intent = toIntent(map[label] ?? map['*']);
    if (!intent || (intent === 'other' && ambiguous.has(label))) continue;
    // CLINC's `order` is "order me some stamps" (an assistant command), not a shop enquiry.
    if (label === 'order') continue;
    if (intent === 'other' && label !== 'oos' && n++ % keepOther !== 0) continue;
    if (intent === 'other' && label !== 'oos' && praiseLike(text)) continue;
    out.push({ text, intent, source: `clinc150-${key}` });
  }
  return out;
}

/** HWU64 fold 1: general_praise → feedback_praise; everything else → other (every `keepOther`-th). */
export function hwu64(split: 'train' | 'test', keepOther = 1): Example[] {
  const dir = join(DATA_SETS_DIR, 'hwu64', `kfold1_${split}`);
  const out: Example[] = [];
  let n = 0;
  for (const file of readdirSync(dir).sort()) {
    const name = file.replace(/\.csv$/, '');
    // "tweet a complaint to …" are commands, not complaints; takeaway orders look like shop orders.
    if (name === 'social_post' || name.startsWith('takeaway_')) continue;
    for (const r of csvFile(join(dir, file), ';')) {
      const text = r.answer_from_user || r.answer_from_anno;
      if (!text) continue;
      if (name === 'general_praise') out.push({ text, intent: 'feedback_praise', source: `hwu64-${split}` });
      else if (n++ % keepOther === 0 && !praiseLike(text))
        out.push({ text, intent: 'other', source: `hwu64-${split}` });
    }
  }
  return out;
}

/**
 * Team-written `intent<TAB>urgency<TAB>text` lines (`intent<TAB>text` is read too, with no
 * urgency); `#` starts a comment line.
 */
export function team(file: string): Example[] {
  const out: Example[] = [];
  const lines = readFileSync(join(DATA_SETS_DIR, 'team', file), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t');
    const intent = cols[0] as Intent;
    const urgency = cols.length >= 3 ? (cols[1] as Urgency) : undefined;
    const text = cols
      .slice(cols.length >= 3 ? 2 : 1)
      .join('\t')
      .trim();
    if (cols.length < 2 || !INTENTS.includes(intent) || !text || (urgency && !URGENCIES.includes(urgency)))
      throw new Error(`${file}:${i + 1}: expected intent<TAB>urgency<TAB>text`);
    out.push({
      text: text.replace(/\\n/g, '\n'),
      intent,
      source: `team-${file}`,
      ...(urgency ? { urgency } : {}),
    });
  });
  return out;
}

export interface ChannelExample {
  expected: RequestedChannel;
  text: string;
}

/** Team-written requestedChannel set: `channel<TAB>text` lines. */
export function requestedChannelSet(file = 'requested-channel.tsv'): ChannelExample[] {
  const allowed = ['phone', 'email', 'sms', 'social', 'chat', 'none'];
  const out: ChannelExample[] = [];
  readFileSync(join(DATA_SETS_DIR, 'team', file), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim() || line.startsWith('#')) return;
      const [expected, text] = line.split('\t');
      if (!expected || !text || !allowed.includes(expected))
        throw new Error(`${file}:${i + 1}: expected channel<TAB>text`);
      out.push({ expected: expected as RequestedChannel, text: text.trim() });
    });
  return out;
}
