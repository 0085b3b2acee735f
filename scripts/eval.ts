/**
 * `npm run eval`: the classifier measured on held-out data it was not trained on.
 *   intent  — Bitext test (mapped), BANKING77 test rows of mapped intents, CLINC150 out-of-scope
 *             test (must be `other`), the team's Chinese and English test sets, and the probes
 *             training never reads (src/nlp/train/probes.ts: the test and calibration folders);
 *   requestedChannel precision/recall on the team's set; language on the team test sets;
 *   urgency accuracy and confusion; calibration (ECE, reliability table); Traditional Chinese;
 *   language on short messages in es/fr/de/pt/ja/ko (scripts/eval-understanding.ts);
 *   speed (messages/s and p99 on one core) and the model's size.
 * `--json` prints the figures as one JSON object instead of the table.
 */
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { detectRequestedChannel } from '../src/nlp/requested-channel.js';
import { detectLanguage } from '../src/nlp/language.js';
import { DEFAULT_MODEL_PATH } from '../src/nlp/classifier.js';
import { DEFAULT_URGENCY_MODEL_PATH } from '../src/nlp/urgency-model.js';
import { createClassifier } from '../src/nlp/index.js';
import {
  banking77,
  bitext,
  clinc150,
  requestedChannelSet,
  team,
  type Example,
} from '../src/nlp/train/datasets.js';
import { score } from '../src/nlp/train/metrics.js';
import {
  calibrationReport,
  probeReport,
  scriptReport,
  shortLanguageReport,
  urgencyReport,
} from './eval-understanding.js';

const json = process.argv.includes('--json');
const t0 = performance.now();
const classifier = createClassifier();
const loadMs = performance.now() - t0;
const results: Record<string, unknown> = { modelLoadMs: Math.round(loadMs) };
const lines: string[] = [];
const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';
const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function intentSplit(
  name: string,
  examples: Example[],
  target?: { metric: 'macroF1' | 'recall'; min: number },
) {
  const predicted = examples.map((e) => classifier.classify(e.text).intent);
  const s = score(
    examples.map((e) => e.intent),
    predicted,
  );
  const recall = s.perLabel.other?.recall ?? 0;
  const figure = target?.metric === 'recall' ? recall : s.macroF1;
  results[name] = {
    n: s.n,
    accuracy: s.accuracy,
    macroF1: s.macroF1,
    ...(target?.metric === 'recall' ? { otherRecall: recall } : {}),
  };
  const goal = target ? `  target ${target.metric} ≥ ${target.min}: ${mark(figure >= target.min)}` : '';
  lines.push(
    `${name.padEnd(30)} n=${String(s.n).padStart(4)}  accuracy ${pct(s.accuracy)}  ${target?.metric === 'recall' ? `other recall ${pct(recall)}` : `macro-F1 ${s.macroF1.toFixed(3)}`}${goal}`,
  );
}

lines.push('Intent (held-out splits)');
intentSplit('Bitext test (mapped)', bitext('test'), { metric: 'macroF1', min: 0.95 });
intentSplit('BANKING77 test (mapped rows)', banking77('test'), { metric: 'macroF1', min: 0.85 });
intentSplit('CLINC150 out-of-scope test', clinc150('oos_test'), { metric: 'recall', min: 0.9 });
intentSplit('Team Chinese test', team('zh-test.tsv'));
intentSplit('Team English test (realistic)', team('en-test.tsv'));

// requestedChannel: precision over predicted requests, recall over real requests.
const rc = requestedChannelSet();
let tp = 0;
let predictedN = 0;
let goldN = 0;
const wrong: string[] = [];
for (const e of rc) {
  const p = detectRequestedChannel(e.text);
  if (p !== 'none') predictedN++;
  if (e.expected !== 'none') goldN++;
  if (p !== 'none' && p === e.expected) tp++;
  if (p !== e.expected) wrong.push(`  expected ${e.expected}, got ${p}: ${e.text}`);
}
const precision = predictedN ? tp / predictedN : 1;
const recall = goldN ? tp / goldN : 1;
results.requestedChannel = {
  n: rc.length,
  precision,
  recall,
  f1: (2 * precision * recall) / (precision + recall || 1),
};
lines.push(
  '',
  `requestedChannel (team set, en+zh) n=${rc.length}  precision ${pct(precision)} ${mark(precision >= 0.95)} (≥95%)  recall ${pct(recall)} ${mark(recall >= 0.9)} (≥90%)`,
);
lines.push(...wrong);

// Language on the team test sets (every message is known to be en or zh).
const langSets: [string, Example[]][] = [
  ['en', team('en-test.tsv')],
  ['zh', team('zh-test.tsv')],
];
for (const [lang, xs] of langSets) {
  const ok = xs.filter((e) => detectLanguage(e.text).language === lang).length;
  results[`language_${lang}`] = ok / xs.length;
  lines.push(`language ${lang} on team test set: ${ok}/${xs.length}`);
}

// Issue 17: urgency, calibration, Traditional Chinese, short messages in other languages.
const classify = (text: string) => classifier.classify(text);
probeReport(classify, results, lines);
urgencyReport(classify, results, lines);
calibrationReport(classify, results, lines);
scriptReport(classify, results, lines);
shortLanguageReport(results, lines);

// Speed: one core, the whole classify() call, over a realistic mix of lengths and languages.
const corpus = [
  ...team('en-test.tsv'),
  ...team('zh-test.tsv'),
  ...bitext('test').slice(0, 200),
  ...clinc150('oos_test').slice(0, 100),
].map((e) => e.text);
for (let i = 0; i < 2000; i++) classifier.classify(corpus[i % corpus.length] ?? '', { channel: 'email' }); // warm up
// Wall time includes whatever else the machine runs (shared CI boxes are busy); CPU time
// (process.cpuUsage, µs) is this thread's own work. Both are reported; targets use CPU time
// when the machine is loaded (load average above the core count), wall time otherwise.
const N = 20000;
const times = new Float64Array(N);
const cpu = new Float64Array(N);
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let i = 0; i < N; i++) {
  const c0 = process.cpuUsage();
  const s = performance.now();
  classifier.classify(corpus[i % corpus.length] ?? '', { channel: 'email' });
  times[i] = performance.now() - s;
  const c1 = process.cpuUsage(c0);
  cpu[i] = (c1.user + c1.system) / 1000;
}
const total = performance.now() - start;
const cpuTotalMs = (() => {
  const u = process.cpuUsage(cpuStart);
  return (u.user + u.system) / 1000;
})();
times.sort();
cpu.sort();
const loaded = loadavg()[0]! > cpus().length;
const wall = {
  perSecond: (N / total) * 1000,
  p50: times[Math.floor(N * 0.5)] ?? 0,
  p99: times[Math.floor(N * 0.99)] ?? 0,
};
const own = {
  perSecond: (N / cpuTotalMs) * 1000,
  p50: cpu[Math.floor(N * 0.5)] ?? 0,
  p99: cpu[Math.floor(N * 0.99)] ?? 0,
};
const judged = loaded ? own : wall;
const sizeBytes = statSync(DEFAULT_MODEL_PATH).size + statSync(DEFAULT_URGENCY_MODEL_PATH).size;
results.speed = { messages: N, loadAverage: loadavg()[0], cores: cpus().length, wall, cpu: own };
results.modelBytes = sizeBytes;
lines.push(
  '',
  `speed, wall clock: ${Math.round(wall.perSecond)} messages/s, p50 ${wall.p50.toFixed(3)} ms, p99 ${wall.p99.toFixed(3)} ms`,
  `speed, CPU time:   ${Math.round(own.perSecond)} messages/s, p50 ${own.p50.toFixed(3)} ms, p99 ${own.p99.toFixed(3)} ms`,
  `speed targets (${loaded ? `CPU time: load average ${loadavg()[0]?.toFixed(1)} > ${cpus().length} cores` : 'wall clock'}): ≥5000 msgs/s ${mark(judged.perSecond >= 5000)}, p99 ≤ 2 ms ${mark(judged.p99 <= 2)}`,
  `models (intent + urgency): ${(sizeBytes / 1024 / 1024).toFixed(2)} MB ${mark(sizeBytes <= 5 * 1024 * 1024)} (≤5 MB), load ${Math.round(loadMs)} ms (incl. wink-nlp English model)`,
);

process.stdout.write(json ? JSON.stringify(results) + '\n' : lines.join('\n') + '\n');
