/**
 * The parts of `npm run eval` added for issue 17: urgency accuracy and confusion matrix, the
 * calibration of the intent and urgency confidences (expected calibration error and a
 * reliability table on held-out sets), Traditional Chinese detection, and language detection on
 * short messages in es/fr/de/pt/ja/ko (ours and franc alone).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { franc } from 'franc';
import type { Classification } from '../src/core/model.js';
import { detectLanguage } from '../src/nlp/language.js';
import { calibration, reliabilityLines } from '../src/nlp/train/calibration.js';
import { blindProbe, DATA_SETS_DIR, probe, team, type Example } from '../src/nlp/train/datasets.js';

type Classify = (text: string) => Classification;
const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';
const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const URGENCY = ['high', 'normal', 'low'] as const;

export function urgencyReport(classify: Classify, results: Record<string, unknown>, lines: string[]): void {
  lines.push('', 'Urgency (team test sets, labelled by PRODUCT.md; target ≥ 80%)');
  for (const file of ['en-test.tsv', 'zh-test.tsv']) {
    const xs = team(file).filter((e) => e.urgency);
    const matrix: Record<string, Record<string, number>> = {};
    let ok = 0;
    for (const e of xs) {
      const got = classify(e.text).urgency;
      matrix[e.urgency!] ??= {};
      matrix[e.urgency!]![got] = (matrix[e.urgency!]![got] ?? 0) + 1;
      if (got === e.urgency) ok++;
    }
    const accuracy = ok / xs.length;
    results[`urgency_${file.slice(0, 2)}`] = { n: xs.length, accuracy, confusion: matrix };
    lines.push(`${file.slice(0, 2)} n=${xs.length}  accuracy ${pct(accuracy)} ${mark(accuracy >= 0.8)}`);
    lines.push(`  gold \\ predicted ${URGENCY.map((u) => u.padStart(7)).join('')}`);
    for (const g of URGENCY)
      lines.push(`  ${g.padEnd(17)}${URGENCY.map((p) => String(matrix[g]?.[p] ?? 0).padStart(7)).join('')}`);
  }
}

/**
 * Held-out for calibration: never trained on, and not the probes the temperature was fitted on
 * (2-5, 8, 10-13): the team test sets and the spent blind probe 14 (writers the model never saw).
 */
function heldOut(): Example[] {
  return [...team('en-test.tsv'), ...team('zh-test.tsv'), ...blindProbes()];
}
const blindProbes = () => [...blindProbe('probe-14', 'en'), ...blindProbe('probe-14', 'zh')];

export function calibrationReport(
  classify: Classify,
  results: Record<string, unknown>,
  lines: string[],
): void {
  const xs = heldOut();
  const out = xs.map((e) => classify(e.text));
  const intent = calibration(
    out.map((c) => c.confidence),
    out.map((c, i) => c.intent === xs[i]!.intent),
  );
  const withUrgency = xs
    .map((e, i) => ({ e, c: out[i]! }))
    .filter(({ e, c }) => e.urgency && c.urgencyConfidence !== undefined);
  const urgency = calibration(
    withUrgency.map(({ c }) => c.urgencyConfidence!),
    withUrgency.map(({ e, c }) => c.urgency === e.urgency),
  );
  // New writers alone: the figure the blind probes hold the model to.
  const blind = blindProbes();
  const blindOut = blind.map((e) => classify(e.text));
  const newWriters = calibration(
    blindOut.map((c) => c.confidence),
    blindOut.map((c, i) => c.intent === blind[i]!.intent),
  );
  results.calibration = { intent, urgency, intentNewWriters: newWriters };
  lines.push(
    '',
    `Calibration, intent (held out: team test sets + blind probe 14; temperature fitted on probes 2-5, 8, 10-13)`,
    `  n=${intent.n}  accuracy ${pct(intent.accuracy)}  mean confidence ${pct(intent.meanConfidence)}  ECE ${intent.ece.toFixed(3)} ${mark(intent.ece <= 0.05)} (≤0.05)`,
    ...reliabilityLines(intent),
    `Calibration, intent on new writers only (blind probe 14, spent; never trained or fitted on)`,
    `  n=${newWriters.n}  accuracy ${pct(newWriters.accuracy)}  mean confidence ${pct(newWriters.meanConfidence)}  ECE ${newWriters.ece.toFixed(3)} ${mark(newWriters.ece <= 0.05)} (≤0.05)`,
    ...reliabilityLines(newWriters),
    `Calibration, urgency (held out: team test sets + blind probe 14; temperature fitted on 5-fold out-of-fold training predictions)`,
    `  n=${urgency.n}  accuracy ${pct(urgency.accuracy)}  mean confidence ${pct(urgency.meanConfidence)}  ECE ${urgency.ece.toFixed(3)} ${mark(urgency.ece <= 0.05)} (≤0.05)`,
    ...reliabilityLines(urgency),
  );
}

/** Intent on the held-out probes 11-13 (realistic messages by other writers, never trained on). */
export function probeReport(classify: Classify, results: Record<string, unknown>, lines: string[]): void {
  lines.push('', 'Intent on held-out probes 11-13 (other writers; never trained on)');
  for (const lang of ['en', 'zh'] as const) {
    const xs = ['probe-11', 'probe-12', 'probe-13'].flatMap((d) => probe(d, lang));
    const ok = xs.filter((e) => classify(e.text).intent === e.intent).length;
    results[`probes11to13_${lang}`] = { n: xs.length, accuracy: ok / xs.length };
    lines.push(`  ${lang} n=${xs.length}  accuracy ${pct(ok / xs.length)}`);
  }
}

export function scriptReport(classify: Classify, results: Record<string, unknown>, lines: string[]): void {
  // The Chinese test set in Traditional characters is the strict test: every message must be read
  // as Traditional; the Simplified originals must not.
  const zh = team('zh-test.tsv');
  const traditional = readFileSync(join(DATA_SETS_DIR, 'team', 'zh-hant-test.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const hant = traditional.filter((t) => classify(t).script === 'Hant').length;
  const hans = zh.filter((e) => classify(e.text).script === undefined).length;
  results.script = { traditional: hant / traditional.length, simplified: hans / zh.length };
  lines.push(
    '',
    `Chinese script: Traditional read as zh-Hant ${hant}/${traditional.length}, Simplified team test kept Simplified ${hans}/${zh.length}`,
  );
}

export function shortLanguageReport(results: Record<string, unknown>, lines: string[]): void {
  const rows = readFileSync(join(DATA_SETS_DIR, 'team', 'short-language.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t') as [string, string]);
  const ISO3: Record<string, string> = { es: 'spa', fr: 'fra', de: 'deu', pt: 'por', ja: 'jpn', ko: 'kor' };
  const by: Record<string, { n: number; ours: number; franc: number }> = {};
  for (const [lang, text] of rows) {
    if ([...text].length > 30) throw new Error(`short-language.tsv: longer than 30 characters: ${text}`);
    const s = (by[lang] ??= { n: 0, ours: 0, franc: 0 });
    s.n++;
    if (detectLanguage(text).language === lang) s.ours++;
    if (franc(text, { minLength: 1 }) === ISO3[lang]) s.franc++;
  }
  results.shortLanguage = by;
  lines.push(
    '',
    'Language on short messages (≤ 30 characters, data-sets/team/short-language.tsv): ours / franc alone',
  );
  for (const [lang, s] of Object.entries(by))
    lines.push(`  ${lang}  n=${s.n}  ${pct(s.ours / s.n)}  /  ${pct(s.franc / s.n)}`);
}
