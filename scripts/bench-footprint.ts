/**
 * npm run bench:footprint [-- --starts 5 --seconds 10 --configured --memory-report]
 *
 * Starts the desk as a user would (`npm start`, compiled, in a fresh data folder) and prints:
 * - time from spawning `npm start` to the first 200 from /health (median of --starts runs);
 * - resident memory of the desk's process tree (everything `npm start` spawned; the npm client
 *   itself is shown apart) after start, and after 1,000 `/query` calls;
 * - `/query` requests/s and p50/p99 with 16 keep-alive clients, beside a bare `node:http`
 *   server answering fixed JSON, driven by the same load generator in the same run (the ratio
 *   is the figure: absolute numbers vary by machine), and p50/p99 at a steady 200 requests/s.
 *   The ratio is shown for two clients (footprint/load.ts): the lean node:http one, where the
 *   desk's CPU per request decides it, and fetch, the heavier client of issue 21's own figures.
 * With --configured the desk also runs Slack (emulator), Twilio and email (Dovecot + an SMTP
 * recorder) to show what configured platforms cost at idle. With --memory-report the measured
 * start runs with MEMORY_REPORT=true: the desk prints its memory after each start-up stage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { closedLoop, openLoop, type LoadResult } from './footprint/load.js';
import { benchQueries } from './footprint/queries.js';
import { cpuBetween, threadCpu, type ThreadCpu } from './footprint/thread-cpu.js';
import { emailEnv } from '../test/support/dovecot/email-env.js';

const { values } = parseArgs({
  options: {
    starts: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    configured: { type: 'boolean', default: false },
    'memory-report': { type: 'boolean', default: false },
  },
});
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STARTS = Number(values.starts);
const SECONDS = Number(values.seconds);

/** Several hundred distinct realistic messages, English and Chinese (see footprint/queries.ts). */
const QUERIES = benchQueries(ROOT);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** RSS in KiB of `pid` and all its descendants, read from ps. */
function treeRss(pid: number): { total: number; byPid: Map<number, { rss: number; cmd: string }> } {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line)!;
      return { pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]), cmd: m[4]! };
    });
  const byPid = new Map<number, { rss: number; cmd: string }>();
  const walk = (p: number) => {
    const row = rows.find((r) => r.pid === p);
    if (row) byPid.set(p, { rss: row.rss, cmd: row.cmd });
    for (const child of rows.filter((r) => r.ppid === p)) walk(child.pid);
  };
  walk(pid);
  let total = 0;
  for (const { rss } of byPid.values()) total += rss;
  return { total, byPid };
}

/** The desk's own tree: what npm spawned, without the npm client. */
function deskRss(npm: ChildProcess): { desk: number; npmClient: number } {
  const { byPid } = treeRss(npm.pid!);
  const npmClient = byPid.get(npm.pid!)?.rss ?? 0;
  let desk = 0;
  for (const [pid, { rss }] of byPid) if (pid !== npm.pid) desk += rss;
  return { desk, npmClient };
}

async function startDesk(
  env: Record<string, string>,
): Promise<{ npm: ChildProcess; url: string; healthyMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'solodesk-footprint-')),
      TERMINAL_CONSOLE: 'off',
      LOG_LEVEL: 'warn',
      ...(process.env.NLP_THREAD ? { NLP_THREAD: process.env.NLP_THREAD } : {}),
      ...(process.env.NLP_WORKERS_MAX ? { NLP_WORKERS_MAX: process.env.NLP_WORKERS_MAX } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so stopping it reaches the desk too: npm does not always pass a
    // signal on to its script, and a desk left running would skew the next measurement.
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (npm.exitCode !== null) throw new Error(`the desk exited with ${npm.exitCode}`);
    if (performance.now() - started > 60_000) throw new Error('the desk was not healthy within 60 s');
    await new Promise((r) => setTimeout(r, 5));
  }
  return { npm, url, healthyMs: performance.now() - started };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops `npm start` and everything it spawned (SIGTERM to the group; SIGKILL after 15 s). */
async function stopDesk(npm: ChildProcess): Promise<void> {
  const tree = [...treeRss(npm.pid!).byPid.keys()];
  try {
    process.kill(-npm.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + 15_000;
  while (tree.some(alive)) {
    if (Date.now() > deadline) {
      console.log(`  the desk did not stop within 15 s of SIGTERM: killing ${tree.filter(alive).join(', ')}`);
      for (const pid of tree.filter(alive)) process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function waitReady(url: string): Promise<void> {
  // The first /query answers once the NLP worker has loaded.
  const r = await fetch(`${url}/query`, {
    method: 'POST',
    body: QUERIES[0],
    headers: { 'content-type': 'application/json' },
  });
  if (r.status !== 200) throw new Error(`/query answered ${r.status}`);
}

async function startBare(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/footprint/bare-server.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m: { port: number }) => resolve(m.port)),
  );
  return { child, url: `http://127.0.0.1:${port}` };
}

async function configuredEnv(): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  const { startSlackEmulator } = await import('../test/support/slack-emulator/index.js');
  const { startDovecot } = await import('../test/support/dovecot/dovecot.js');
  const { startSmtpRecorder } = await import('../test/support/dovecot/smtp-recorder.js');
  const slack = await startSlackEmulator({ botToken: 'xoxb-footprint', channels: ['C0SUPPORT'] });
  const dovecot = await startDovecot();
  const smtp = await startSmtpRecorder();
  return {
    env: {
      SLACK_BOT_TOKEN: 'xoxb-footprint',
      SLACK_SIGNING_SECRET: 'footprint-signing-secret',
      SLACK_CHANNEL_ID: 'C0SUPPORT',
      SLACK_OWNER_IDS: 'U0OWNER',
      SLACK_API_URL: slack.apiUrl,
      TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32),
      TWILIO_AUTH_TOKEN: 'footprint-twilio-token',
      TWILIO_PHONE_NUMBER: '+15005550006',
      ...emailEnv(dovecot, smtp, dovecot.user),
    },
    stop: async () => {
      await smtp.stop();
      await dovecot.stop();
      await slack.close();
    },
  };
}

/** The desk's node process in its tree (npm → sh → node …start.mjs). */
function deskPid(npm: ChildProcess): number | undefined {
  for (const [pid, { cmd }] of treeRss(npm.pid!).byPid) if (/^\S*node\b.*start\.mjs/.test(cmd)) return pid;
  return undefined;
}

/**
 * Where a run's CPU went, per request: the desk's main thread (HTTP, JSON, the hop), its busy
 * other threads (the NLP workers: one, or two while the pool has grown), the rest (V8's GC
 * helpers, libuv) and the load generator (this process). Shows which thread bounds the figure.
 */
function cpuLine(
  before: ThreadCpu[] | undefined,
  after: ThreadCpu[] | undefined,
  pid: number,
  r: LoadResult,
  generator: NodeJS.CpuUsage,
): string {
  const perRequest = (ms: number) => ((ms * 1000) / r.requests).toFixed(0);
  const perCore = (ms: number) => ((ms / r.seconds / 1000) * 100).toFixed(0);
  const generatorMs = (generator.user + generator.system) / 1000;
  const load = `load generator ${perRequest(generatorMs)} µs (${perCore(generatorMs)} % of a core)`;
  if (!before || !after) return `  CPU per /query: ${load} (threads: /proc not available)`;
  const spent = cpuBetween(before, after);
  const main = spent.find((t) => t.tid === pid)?.cpuMs ?? 0;
  const others = spent.filter((t) => t.tid !== pid);
  // The NLP workers: the busiest other thread, and any other over a tenth of a core (a second
  // worker; V8's and libuv's helpers stay below).
  const busy = others.filter((t, i) => i === 0 || t.cpuMs / r.seconds / 1000 > 0.1);
  const workers = busy.map((t) => `${perRequest(t.cpuMs)} µs (${perCore(t.cpuMs)} %)`).join(' + ');
  const rest = others.slice(busy.length).reduce((sum, t) => sum + t.cpuMs, 0);
  return (
    `  CPU per /query: main thread ${perRequest(main)} µs (${perCore(main)} %), NLP worker${busy.length > 1 ? 's' : ''} ${workers}, ` +
    `other threads ${perRequest(rest)} µs (${perCore(rest)} %), ${load}`
  );
}

const percent = (desk: LoadResult, bare: LoadResult) =>
  `${((100 * desk.perSecond) / bare.perSecond).toFixed(1)} %`;
const mib = (kib: number) => (kib / 1024).toFixed(0) + ' MiB';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (name: string, r: LoadResult) =>
  `${name.padEnd(26)} ${r.perSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  (${r.requests} ok, ${r.errors} errors)`;

async function main(): Promise<void> {
  console.log(`footprint bench — ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)} at start`);
  const extra = values.configured ? await configuredEnv() : undefined;
  const env = extra?.env ?? {};
  console.log(
    values.configured ? 'configured: Slack (emulator), Twilio, email (Dovecot + SMTP)' : 'nothing configured',
  );

  const healthy: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const { npm, healthyMs } = await startDesk(env);
    healthy.push(healthyMs);
    await stopDesk(npm);
  }
  console.log(
    `time to healthy (npm start → 200 /health): median ${median(healthy).toFixed(0)} ms of ${STARTS} [${healthy.map((x) => x.toFixed(0)).join(', ')}]`,
  );

  const { npm, url } = await startDesk(values['memory-report'] ? { ...env, MEMORY_REPORT: 'true' } : env);
  await waitReady(url);
  await new Promise((r) => setTimeout(r, 3_000)); // settle: start-up garbage collected
  const idle = deskRss(npm);
  console.log(
    `resident, idle:          desk tree ${mib(idle.desk)} (the npm client: ${mib(idle.npmClient)} more)`,
  );
  await closedLoop(`${url}/query`, QUERIES, 16, 0.001).catch(() => undefined);
  let calls = 0;
  while (calls < 1000) {
    const r = await fetch(`${url}/query`, {
      method: 'POST',
      body: QUERIES[calls % QUERIES.length],
      headers: { 'content-type': 'application/json' },
    });
    await r.arrayBuffer();
    calls++;
  }
  const loaded = deskRss(npm);
  console.log(`resident, after 1,000 /query: desk tree ${mib(loaded.desk)}`);
  for (const [pid, { rss, cmd }] of treeRss(npm.pid!).byPid)
    console.log(`  ${String(pid).padStart(7)} ${mib(rss).padStart(8)}  ${cmd.slice(0, 70)}`);

  const bare = await startBare();
  // Warm both, then measure each in turn with the same generator.
  await closedLoop(`${bare.url}/`, QUERIES, 16, 1);
  await closedLoop(`${url}/query`, QUERIES, 16, 1);
  const bareLoad = await closedLoop(`${bare.url}/`, QUERIES, 16, SECONDS);
  const pid = deskPid(npm) ?? npm.pid!;
  const cpuBefore = threadCpu(pid);
  const generatorBefore = process.cpuUsage();
  const deskLoad = await closedLoop(`${url}/query`, QUERIES, 16, SECONDS);
  const deskCpu = cpuLine(cpuBefore, threadCpu(pid), pid, deskLoad, process.cpuUsage(generatorBefore));
  const underLoad = deskRss(npm);
  // The same two measurements with a fetch client: issue 21's frame (see footprint/load.ts).
  await closedLoop(`${bare.url}/`, QUERIES, 16, 1, 'fetch');
  const bareFetch = await closedLoop(`${bare.url}/`, QUERIES, 16, SECONDS, 'fetch');
  const deskFetch = await closedLoop(`${url}/query`, QUERIES, 16, SECONDS, 'fetch');
  const steady = await openLoop(`${url}/query`, QUERIES, 200, SECONDS);
  console.log(`/query bodies: ${QUERIES.length} distinct messages (data-sets/team/*-test.tsv), in turn`);
  console.log(row('bare node:http, 16 clients', bareLoad));
  console.log(row('/query, 16 clients', deskLoad));
  console.log(deskCpu);
  console.log(`  resident at the end of it: desk tree ${mib(underLoad.desk)}`);
  console.log(`/query ÷ bare, lean node:http client: ${percent(deskLoad, bareLoad)}`);
  console.log(row('bare, 16 fetch clients', bareFetch));
  console.log(row('/query, 16 fetch clients', deskFetch));
  console.log(`/query ÷ bare, fetch client (issue 21's frame): ${percent(deskFetch, bareFetch)}`);
  console.log(row('/query, steady 200 req/s', steady));
  console.log(`load ${loadavg()[0]!.toFixed(2)} at end`);
  await stop(bare.child);
  await stopDesk(npm);
  await extra?.stop();
}

await main();
