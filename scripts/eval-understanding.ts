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
import { DATA_SETS_DIR, team, type Example } from '../src/nlp/train/datasets.js';
import { CALIBRATION_PROBES, probes, TEST_PROBES, TRAINING_PROBES } from '../src/nlp/train/probes.js';

type Classify = (text: string) => Classification;
const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';
const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const URGENCY = ['high', 'normal', 'low'] as const;

function confusion(
  gold: string[],
  got: string[],
): { accuracy: number; matrix: Record<string, Record<string, number>> } {
  const matrix: Record<string, Record<string, number>> = {};
  let ok = 0;
  gold.forEach((g, i) => {
    const p = got[i]!;
    matrix[g] ??= {};
    matrix[g][p] = (matrix[g][p] ?? 0) + 1;
    if (p === g) ok++;
  });
  return { accuracy: gold.length ? ok / gold.length : 0, matrix };
}

function urgencyLines(name: string, n: number, c: ReturnType<typeof confusion>): string[] {
  return [
    `${name} n=${n}  accuracy ${pct(c.accuracy)} ${mark(c.accuracy >= 0.8)}`,
    `  gold \\ predicted ${URGENCY.map((u) => u.padStart(7)).join('')}`,
    ...URGENCY.map(
      (g) => `  ${g.padEnd(17)}${URGENCY.map((p) => String(c.matrix[g]?.[p] ?? 0).padStart(7)).join('')}`,
    ),
  ];
}

export function urgencyReport(classify: Classify, results: Record<string, unknown>, lines: string[]): void {
  lines.push(
    '',
    `Urgency (target ≥ 80%): test probes ${TEST_PROBES.join(', ')} with urgency gold, then the team test sets`,
  );
  for (const lang of ['en', 'zh'] as const) {
    const xs = probes(TEST_PROBES, lang).filter((e) => e.urgency);
    const c = confusion(
      xs.map((e) => e.urgency!),
      xs.map((e) => classify(e.text).urgency),
    );
    results[`urgency_testProbes_${lang}`] = { n: xs.length, accuracy: c.accuracy, confusion: c.matrix };
    lines.push(...urgencyLines(`test probes ${lang}`, xs.length, c));
  }
  for (const file of ['en-test.tsv', 'zh-test.tsv']) {
    const xs = team(file).filter((e) => e.urgency);
    const c = confusion(
      xs.map((e) => e.urgency!),
      xs.map((e) => classify(e.text).urgency),
    );
    results[`urgency_${file.slice(0, 2)}`] = { n: xs.length, accuracy: c.accuracy, confusion: c.matrix };
    lines.push(...urgencyLines(`team ${file}`, xs.length, c));
  }
}

export function calibrationReport(
  classify: Classify,
  results: Record<string, unknown>,
  lines: string[],
): void {
  const intentOn = (xs: Example[]) => {
    const out = xs.map((e) => classify(e.text));
    return calibration(
      out.map((c) => c.confidence),
      out.map((c, i) => c.intent === xs[i]!.intent),
    );
  };
  // The held-out split: writers training never read and the temperature was not fitted on.
  const test = probes(TEST_PROBES);
  const intent = intentOn(test);
  const teamTests = intentOn([...team('en-test.tsv'), ...team('zh-test.tsv')]);
  const withUrgency = [...test, ...team('en-test.tsv'), ...team('zh-test.tsv')]
    .filter((e) => e.urgency)
    .map((e) => ({ e, c: classify(e.text) }))
    .filter(({ c }) => c.urgencyConfidence !== undefined);
  const urgency = calibration(
    withUrgency.map(({ c }) => c.urgencyConfidence!),
    withUrgency.map(({ e, c }) => c.urgency === e.urgency),
  );
  results.calibration = { intent, intentTeamTests: teamTests, urgency };
  lines.push(
    '',
    `Calibration, intent on the held-out test probes (${TEST_PROBES.join(', ')}; temperature fitted on ${CALIBRATION_PROBES.join(', ')})`,
    `  n=${intent.n}  accuracy ${pct(intent.accuracy)}  mean confidence ${pct(intent.meanConfidence)}  ECE ${intent.ece.toFixed(3)} ${mark(intent.ece <= 0.05)} (≤0.05)`,
    ...reliabilityLines(intent),
    `Calibration, intent on the team test sets (same writers as the training data)`,
    `  n=${teamTests.n}  accuracy ${pct(teamTests.accuracy)}  mean confidence ${pct(teamTests.meanConfidence)}  ECE ${teamTests.ece.toFixed(3)}`,
    `Calibration, urgency (test probes with urgency gold + team test sets; temperature fitted on 5-fold out-of-fold training predictions)`,
    `  n=${urgency.n}  accuracy ${pct(urgency.accuracy)}  mean confidence ${pct(urgency.meanConfidence)}  ECE ${urgency.ece.toFixed(3)} ${mark(urgency.ece <= 0.05)} (≤0.05)`,
    ...reliabilityLines(urgency),
  );
}

/**
 * Intent on the probes training never reads (src/nlp/train/probes.ts): the test probes (the
 * held-out figure) and the calibration probes (not trained on; the temperature is fitted on them).
 */
export function probeReport(classify: Classify, results: Record<string, unknown>, lines: string[]): void {
  lines.push(
    '',
    `Intent on held-out probes (whole folders, writers never trained on; training reads ${TRAINING_PROBES.join(', ')})`,
  );
  for (const [fold, dirs] of [
    ['test', TEST_PROBES],
    ['calibration', CALIBRATION_PROBES],
  ] as const) {
    for (const lang of ['en', 'zh'] as const) {
      const xs = probes(dirs, lang);
      const c = confusion(
        xs.map((e) => e.intent),
        xs.map((e) => classify(e.text).intent),
      );
      results[`probes_${fold}_${lang}`] = { n: xs.length, accuracy: c.accuracy };
      const misses = Object.entries(c.matrix)
        .flatMap(([g, row]) =>
          Object.entries(row)
            .filter(([p]) => p !== g)
            .map(([p, k]) => [`${g}→${p}`, k] as const),
        )
        .sort((x, y) => y[1] - x[1])
        .slice(0, 4)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      lines.push(
        `  ${fold} (${dirs.join(', ')}) ${lang} n=${xs.length}  accuracy ${pct(c.accuracy)}  top misses: ${misses}`,
      );
      const perFolder = dirs.map((d) => {
        const ys = probes([d], lang);
        const ok = ys.filter((e) => classify(e.text).intent === e.intent).length;
        results[`probe_${d}_${lang}`] = { n: ys.length, accuracy: ok / ys.length };
        return `${d} ${pct(ok / ys.length).trim()} (${ok}/${ys.length})`;
      });
      lines.push(`    ${perFolder.join(', ')}`);
    }
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
