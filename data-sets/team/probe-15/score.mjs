// Scores a probe (text, intent, urgency, requestedChannel TSV with header) through `npm run --silent classify`
// in the current directory. Reports intent / urgency accuracy, reqCh F1, language and intent ECE (10 bins).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const verbose = process.argv.includes('-v');
let tp = 0, fp = 0, fn = 0;
const allConf = [];
for (const lang of ['en', 'zh']) {
  const rows = readFileSync(`${dir}/${lang}.tsv`, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => {
    const [text, intent, urgency, ch] = l.split('\t');
    return { text, intent, urgency, ch };
  });
  const input = rows.map((r) => JSON.stringify({ text: r.text })).join('\n') + '\n';
  const out = execFileSync('npm', ['run', '--silent', 'classify'], { input, encoding: 'utf8', maxBuffer: 1 << 26 })
    .split('\n').filter(Boolean).map((l) => JSON.parse(l));
  let ok = 0, uok = 0, langOk = 0;
  const conf = {}, uconf = {};
  rows.forEach((r, i) => {
    const o = out[i];
    const good = o.intent === r.intent;
    allConf.push([o.confidence, good]);
    if (good) ok++; else { conf[`${r.intent}->${o.intent}`] = (conf[`${r.intent}->${o.intent}`] ?? 0) + 1; if (verbose) console.log('INT', r.intent, '->', o.intent, '|', r.text.slice(0, 100)); }
    if (o.urgency === r.urgency) uok++; else { uconf[`${r.urgency}->${o.urgency}`] = (uconf[`${r.urgency}->${o.urgency}`] ?? 0) + 1; if (verbose) console.log('URG', r.urgency, '->', o.urgency, '|', r.text.slice(0, 100)); }
    if (String(o.language).startsWith('zh') ? lang === 'zh' : o.language === lang) langOk++;
    if (o.requestedChannel === r.ch) { if (r.ch !== 'none') tp++; }
    else { if (o.requestedChannel !== 'none') fp++; if (r.ch !== 'none') fn++; if (verbose) console.log('CH', r.ch, '->', o.requestedChannel, '|', r.text.slice(0, 100)); }
  });
  console.log(`${lang}: intent ${(100 * ok / rows.length).toFixed(1)}% (${ok}/${rows.length}) urgency ${(100 * uok / rows.length).toFixed(1)}% (${uok}/${rows.length}) language ${langOk}/${rows.length}`);
  console.log('  intent confusions:', JSON.stringify(Object.entries(conf).sort((a, b) => b[1] - a[1])));
  console.log('  urgency confusions:', JSON.stringify(Object.entries(uconf).sort((a, b) => b[1] - a[1])));
}
const P = tp / (tp + fp || 1), R = tp / (tp + fn || 1);
console.log(`reqCh P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${(2 * P * R / (P + R || 1)).toFixed(3)}`);
const bins = Array.from({ length: 10 }, () => ({ n: 0, c: 0, a: 0 }));
for (const [c, g] of allConf) { const b = bins[Math.min(9, Math.floor(c * 10))]; b.n++; b.c += c; b.a += g ? 1 : 0; }
let ece = 0;
for (const b of bins) if (b.n) ece += (b.n / allConf.length) * Math.abs(b.a / b.n - b.c / b.n);
console.log(`intent ECE ${ece.toFixed(3)} over ${allConf.length}`);
for (const [i, b] of bins.entries()) if (b.n) console.log(`  [${(i / 10).toFixed(1)},${((i + 1) / 10).toFixed(1)}) n=${b.n} conf ${(b.c / b.n).toFixed(2)} acc ${(b.a / b.n).toFixed(2)}`);
