// Scores a probe (probe-2 by default, --dir for another) through `npm run --silent classify` (the external
// interface). Which probes are training data and which are held out: src/nlp/train/probes.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
const argDir = process.argv.indexOf('--dir');
const dir =
  argDir > 0 ? new URL(process.argv[argDir + 1] + '/', 'file://' + process.cwd() + '/').pathname : new URL('.', import.meta.url).pathname;
const verbose = process.argv.includes('-v');
let allTp = 0, allFp = 0, allFn = 0;
for (const lang of ['en', 'zh']) {
  const rows = readFileSync(dir + lang + '.tsv', 'utf8').split('\n').filter(Boolean).map((l) => {
    const [intent, ch, text] = l.split('\t');
    return { intent, ch, text: text.replace(/\\n/g, '\n') };
  });
  const input = rows.map((r) => JSON.stringify({ text: r.text })).join('\n') + '\n';
  const out = execFileSync('npm', ['run', '--silent', 'classify'], { input, cwd: process.cwd(), encoding: 'utf8' })
    .split('\n').filter(Boolean).map((l) => JSON.parse(l));
  let ok = 0, langOk = 0, tp = 0, fp = 0, fn = 0;
  const conf = {};
  rows.forEach((r, i) => {
    const o = out[i];
    if (o.intent === r.intent) ok++; else { conf[`${r.intent}->${o.intent}`] = (conf[`${r.intent}->${o.intent}`] ?? 0) + 1; if (verbose) console.log('INT', r.intent, '->', o.intent, '|', r.text.slice(0, 90).replace(/\n/g, ' ')); }
    if (o.language === lang) langOk++;
    if (o.requestedChannel === r.ch) { if (r.ch !== 'none') tp++; }
    else {
      if (o.requestedChannel !== 'none') fp++;
      if (r.ch !== 'none') fn++;
      if (verbose) console.log('CH', r.ch, '->', o.requestedChannel, '|', r.text.slice(0, 110).replace(/\n/g, ' '));
    }
  });
  const p = tp / (tp + fp || 1), rc = tp / (tp + fn || 1);
  allTp += tp; allFp += fp; allFn += fn;
  console.log(`${lang}: intent ${(100 * ok / rows.length).toFixed(1)}% (${ok}/${rows.length}) language ${langOk}/${rows.length} reqCh P ${p.toFixed(3)} R ${rc.toFixed(3)} F1 ${(2 * p * rc / (p + rc || 1)).toFixed(3)}`);
  console.log('  confusions:', JSON.stringify(Object.entries(conf).sort((a, b) => b[1] - a[1])));
}
const P = allTp / (allTp + allFp), R = allTp / (allTp + allFn);
console.log(`all reqCh P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${(2 * P * R / (P + R)).toFixed(3)}`);
