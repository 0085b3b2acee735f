/**
 * npm run fuzz [-- --short] [--inputs N] [--seed N] [--concurrency N]
 *
 * Malformed and random input (validly signed where a signature stands before the parser) to
 * every webhook route, the chat socket and the mail parser of the real desk. Fails on a 5xx,
 * a crash (network error), an input that had to be refused but was not, or anything stored.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz/run.js';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    inputs: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
  },
});
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));

const result = await runFuzz({
  seed: num(values.seed, 1),
  perTarget: num(values.inputs, values.short ? 300 : 10_000),
  concurrency: num(values.concurrency, 8),
  log: (line) => console.error(`fuzz: ${line}`),
});

const rows = result.rows;
const head = ['target', 'control', 'inputs', '2xx', '4xx', '5xx', 'net err', 'not refused', 'stored'];
const table = rows.map((r) => [
  r.target,
  r.control ?? '-',
  r.inputs,
  r.s2xx,
  r.s4xx,
  r.s5xx,
  r.network,
  r.notRefused,
  r.stored,
]);
const m = result.mail;
table.push([
  'mail parser (in-process)',
  m.inputs,
  m.messages + m.bounces + m.ignored,
  m.rejected,
  0,
  m.failures.length,
  '-',
  '-',
]);
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
const line = (cells: (string | number)[]) =>
  cells
    .map((c, i) => (i === 0 ? String(c).padEnd(widths[i] ?? 0) : String(c).padStart(widths[i] ?? 0)))
    .join('  ');
console.log('');
console.log(line(head));
for (const row of table) console.log(line(row));
console.log(
  `(socket: 2xx/4xx = accepted/error frames; mail parser: 2xx = parsed (message/bounce/ignored), 4xx = rejected; slowest ${m.slowest} ms)`,
);
const e2e = result.mailIntake;
if (e2e)
  console.log(
    `mail through Dovecot: ${e2e.junk} junk mails, then a good one: ${e2e.movedOn ? 'read' : 'NOT READ'}; rows stored for the junk: ${e2e.stored}`,
  );
console.log(`desk crashes: ${result.crashes}`);

const failures: string[] = [];
for (const r of rows) {
  if (r.s5xx || r.network || r.notRefused || r.stored)
    failures.push(`${r.target}: ${r.examples.join(' | ') || `${r.stored} rows stored`}`);
}
if (m.failures.length) failures.push(`mail parser: ${m.failures.slice(0, 3).join('; ')}`);
if (e2e && (!e2e.movedOn || e2e.stored !== 0)) failures.push('mail intake: junk mail stored or intake stuck');
if (result.crashes) failures.push(`the desk crashed ${result.crashes} time(s)`);
if (failures.length) {
  console.log('');
  console.log('findings:');
  for (const f of failures) console.log(`  ${f}`);
}
console.log('');
console.log(failures.length ? 'FUZZ FAILED' : 'FUZZ PASSED');
console.log(`(store and desk log kept in ${result.dataDir})`);
process.exit(failures.length ? 1 : 0);
