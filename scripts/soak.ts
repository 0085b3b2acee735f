/**
 * npm run soak [-- --short] [--messages N] [--kills N] [--duration S] [--seed N] …
 *
 * Runs the real desk as a child process against the platform emulators on loopback, with
 * faults and SIGKILLs, and prints whether every inbound was stored and shown once and every
 * approved reply delivered exactly once. Exits 1 on any loss, duplicate or stuck work.
 * See scripts/soak/*.ts; the README's "Soak and fuzz" section explains the numbers.
 */
import { parseArgs } from 'node:util';
import { runSoak, type SoakOptions } from './soak/run.js';
import { printSoak, soakFailed } from './soak/report.js';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    messages: { type: 'string' },
    kills: { type: 'string' },
    duration: { type: 'string' },
    quiet: { type: 'string' },
    seed: { type: 'string' },
    'fault-rate': { type: 'string' },
    'console-fault-rate': { type: 'string' },
    approve: { type: 'string' },
    'lease-ms': { type: 'string' },
    'pace-divisor': { type: 'string' },
    customers: { type: 'string' },
    'no-email': { type: 'boolean', default: false },
    'no-discord': { type: 'boolean', default: false },
    details: { type: 'string' },
  },
});

const num = (v: string | undefined, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`soak: expected a number, got ${v}`);
    process.exit(2);
  }
  return n;
};

const short = values.short;
const options: SoakOptions = {
  seed: num(values.seed, 1),
  messages: num(values.messages, short ? 200 : 5000),
  kills: num(values.kills, short ? 3 : 12),
  durationS: num(values.duration, short ? 30 : 540),
  quietMaxS: num(values.quiet, short ? 150 : 300),
  faultRate: num(values['fault-rate'], 0.1),
  // The consoles serialise every post in one channel (Slack: 1/s per channel), so each fault there
  // stalls every customer's card; 10 % there turns the run into a queue. See the README.
  consoleFaultRate: num(values['console-fault-rate'], 0.02),
  approveShare: num(values.approve, 0.5),
  leaseMs: num(values['lease-ms'], 3000),
  paceDivisor: num(values['pace-divisor'], 20),
  holdMs: short ? 4000 : 8000,
  slowMaxMs: 5000,
  customersPerChannel: num(values.customers, short ? 15 : 120),
  email: !values['no-email'],
  discord: !values['no-discord'],
  log: (line) => console.error(`soak: ${line}`),
};

const result = await runSoak(options);
printSoak(options, result, num(values.details, 40));
process.exit(soakFailed(result) ? 1 : 0);
