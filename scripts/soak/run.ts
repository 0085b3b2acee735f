/**
 * One soak run: the world, the desk child, traffic, the owner, faults and kills for the
 * traffic phase; then faults off and a wait for quiet; then the tally.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChatClient } from '../../test/connectors/webchat/harness.js';
import { deskRunner } from './desk-runner.js';
import { Owner } from './owner.js';
import { createRng } from './rng.js';
import { deliveries, tally, type Delivery, type Tally } from './count.js';
import { IN_CHANNELS, Traffic, type InChannel } from './traffic.js';
import { startWorld, type World } from './world.js';
import type { FaultKind } from './fault-proxy.js';

export interface SoakOptions {
  seed: number;
  messages: number;
  kills: number;
  /** Seconds of traffic. */
  durationS: number;
  /** Longest wait for quiet after the traffic, seconds. */
  quietMaxS: number;
  faultRate: number;
  /** Fault rate of the consoles' APIs (Slack, Discord). */
  consoleFaultRate: number;
  approveShare: number;
  leaseMs: number;
  paceDivisor: number;
  holdMs: number;
  slowMaxMs: number;
  customersPerChannel: number;
  email: boolean;
  discord: boolean;
  log: (line: string) => void;
}

export interface SoakResult {
  tally: Tally;
  kills: number;
  crashes: number;
  faults: Record<FaultKind | 'imap_drop' | 'smtp_refusal', number>;
  platformCalls: number;
  /** Outcomes of inbound delivery attempts. */
  outcomes: Record<string, number>;
  sigtermMs: number | undefined;
  seconds: number;
  dataDir: string;
  deskLog: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function outboxOpen(world: World): number {
  try {
    const db = new Database(join(world.dataDir, 'solodesk.db'), { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')")
        .get() as {
        n: number;
      };
      const msgs = db
        .prepare("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in' AND stage != 'presented'")
        .get() as { n: number };
      return row.n + msgs.n;
    } finally {
      db.close();
    }
  } catch {
    return -1;
  }
}

function progress(world: World): string {
  try {
    const db = new Database(join(world.dataDir, 'solodesk.db'), { readonly: true, fileMustExist: true });
    try {
      const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      return [
        `${one("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'")} stored`,
        `${one("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in' AND stage = 'presented'")} presented`,
        `${one("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'")} jobs sent`,
        `${one("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')")} open`,
      ].join(', ');
    } finally {
      db.close();
    }
  } catch {
    return 'store not readable yet';
  }
}

/** Each website-chat visitor opens the chat again: the history is what the widget shows them. */
async function webchatDeliveries(traffic: Traffic, url: string): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (const c of traffic.customers) {
    if (c.channel !== 'webchat' || !c.token) continue;
    const client = await ChatClient.open(url.replace('http', 'ws') + '/chat/ws', url);
    client.send({ type: 'hello', visitor: c.token });
    const welcome = await client
      .next((f) => f.type === 'welcome' || f.type === 'error', 30_000)
      .finally(() => client.close());
    for (const e of (welcome.history as { from: string; kind: string; text: string }[] | undefined) ?? []) {
      if (e.from === 'owner' && e.kind === 'text')
        out.push({ channel: 'webchat', to: c.address, text: e.text });
    }
  }
  return out;
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const began = Date.now();
  const rng = createRng(o.seed);
  const p = o.faultRate;
  const world = await startWorld({
    rng: rng.fork('world'),
    rates: { '5xx': p * 0.35, '429': p * 0.3, timeout: p * 0.1, slow: p * 0.25 },
    consoleRates: {
      '5xx': o.consoleFaultRate * 0.35,
      '429': o.consoleFaultRate * 0.3,
      timeout: o.consoleFaultRate * 0.1,
      slow: o.consoleFaultRate * 0.25,
    },
    holdMs: o.holdMs,
    slowMaxMs: o.slowMaxMs,
    paceDivisor: o.paceDivisor,
    email: o.email,
    discord: o.discord,
  });
  world.env.OUTBOX_LEASE_MS = String(o.leaseMs);
  const deskLog = join(world.dataDir, 'desk.log');
  const desk = deskRunner(world.env, world.args, deskLog);
  const extra = { imap_drop: 0, smtp_refusal: 0 };
  const timers: NodeJS.Timeout[] = [];
  let progressTimer: NodeJS.Timeout | undefined;
  // Interrupted (Ctrl-C, CI time-out): leave no desk, Dovecot or emulator behind.
  const interrupted = (signal: NodeJS.Signals) => {
    o.log(`${signal}: stopping the desk and the emulators (data kept in ${world.dataDir})`);
    void desk
      .kill()
      .catch(() => undefined)
      .then(() => world.close())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    o.log(`data dir ${world.dataDir}; starting the desk…`);
    await desk.start();
    const channels = IN_CHANNELS.filter((c: InChannel) => c !== 'email' || world.dovecot);
    const traffic = new Traffic(world, () => desk.url, rng.fork('traffic'), channels, o.customersPerChannel);
    const owner = new Owner(
      world,
      () => desk.url,
      () => desk.up,
      rng.fork('owner'),
      o.approveShare,
    );
    owner.start();

    // Mail-side faults: dropped IMAP sessions and refused SMTP submissions.
    const mailRng = rng.fork('mail');
    if (world.dovecot && p > 0) {
      const dovecot = world.dovecot;
      timers.push(
        setInterval(() => {
          if (!mailRng.chance(0.5)) return;
          extra.imap_drop += 1;
          void dovecot.kick().catch(() => undefined);
        }, 8000),
      );
    }
    if (world.smtp && p > 0) {
      const smtp = world.smtp;
      timers.push(
        setInterval(() => {
          // A refusal is a moment's trouble: one not met by a submission within its second is
          // dropped, so in a quiet spell they do not pile up on the next lone retry (one email
          // job once drew seven in a row and backed off past the end of the run).
          smtp.failNext(421, 0);
          if (!mailRng.chance(p * 3)) return;
          extra.smtp_refusal += 1;
          smtp.failNext(mailRng.pick([421, 451]));
        }, 1000),
      );
    }

    // Progress every 30 s (the store as a second reader sees it), so a long run shows where it is.
    progressTimer = setInterval(() => {
      const at = Math.round((Date.now() - began) / 1000);
      const state = `sent ${traffic.sent.length}, approved ${owner.approvals.size}, desk ${desk.up ? 'up' : 'down'}`;
      o.log(`${at} s: ${progress(world)}; ${state}`);
    }, 30_000);

    // Kill moments: spread over the traffic phase (5%–90%), each followed by 0.3–3 s of death.
    const killRng = rng.fork('kills');
    const durationMs = o.durationS * 1000;
    const killAt = Array.from({ length: o.kills }, () =>
      killRng.int(durationMs * 0.05, durationMs * 0.9),
    ).sort((a, b) => a - b);
    const killer = (async () => {
      const start = Date.now();
      for (const at of killAt) {
        const wait = start + at - Date.now();
        if (wait > 0) await sleep(wait);
        await desk.kill();
        o.log(`kill ${desk.kills}/${o.kills} at ${Math.round((Date.now() - began) / 1000)} s`);
        await sleep(killRng.int(300, 3000));
        await desk.start();
      }
    })();

    // Traffic: an even rate with bursts (a fifth of the messages arrive in bursts of 10–40).
    const trafficRng = rng.fork('pace');
    const start = Date.now();
    let sentCount = 0;
    while (sentCount < o.messages) {
      const due = Math.floor(((Date.now() - start) / durationMs) * o.messages);
      if (trafficRng.chance(0.02)) {
        const burst = Math.min(trafficRng.int(10, 40), o.messages - sentCount);
        for (let i = 0; i < burst; i++) traffic.one();
        sentCount += burst;
      }
      while (sentCount < Math.min(due, o.messages)) {
        traffic.one();
        sentCount += 1;
      }
      await sleep(50);
      if (sentCount % 500 === 0 && sentCount > 0 && trafficRng.chance(0.05))
        o.log(`sent ${sentCount}/${o.messages}`);
    }
    await killer;
    o.log(
      `traffic done (${sentCount} messages, ${desk.kills} kills) at ${Math.round((Date.now() - began) / 1000)} s; waiting for quiet…`,
    );

    // Quiet: faults stop; retries finish; the owner taps what he still means to; the outbox empties.
    // Faults go on while the backlog drains (most platform calls happen here under load), and
    // stop once the backlog is gone or half the quiet time has passed, so the run converges.
    const quietEnd = Date.now() + o.quietMaxS * 1000;
    const faultsOffAt = Date.now() + o.quietMaxS * 500;
    traffic.stopRetryingAt(quietEnd - 10_000);
    await Promise.race([traffic.settle(), sleep(o.quietMaxS * 500)]);
    let stable = 0;
    let last = '';
    let faultsOn = true;
    while (Date.now() < quietEnd) {
      await sleep(1000);
      const open = outboxOpen(world);
      if (faultsOn && (open === 0 || Date.now() > faultsOffAt)) {
        faultsOn = false;
        for (const t of timers) clearInterval(t);
        for (const proxy of world.proxies) proxy.setEnabled(false);
        world.smtp?.failNext(421, 0); // a refusal still waiting for a submission goes too
        o.log(`faults off at ${Math.round((Date.now() - began) / 1000)} s (${open} open)`);
      }
      const shape = `${open}:${world.slack.messages.length}:${owner.approvals.size}:${world.twilio.messages.length}`;
      stable = open === 0 && shape === last ? stable + 1 : 0;
      last = shape;
      if (stable >= 5) break;
    }
    owner.stop();
    await owner.round().catch(() => undefined);
    o.log(`owner: ${owner.approvals.size} drafts approved, ${owner.skipped.size} left alone`);
    await sleep(2000);
    // Read a second time if the desk was too busy to answer the first (a starved machine).
    const webchat = await webchatDeliveries(traffic, desk.url)
      .catch(() => sleep(10_000).then(() => webchatDeliveries(traffic, desk.url)))
      .catch((err: Error) => {
        o.log(`could not read the website chat histories (${err.message}): chat replies left unverified`);
        return undefined;
      });
    const sigtermMs = await desk.terminate(10_000);
    const t = tally(world, traffic.sent, owner, webchat);
    // The console as the emulator holds it, kept beside the store for looking into findings.
    writeFileSync(join(world.dataDir, 'slack-messages.json'), JSON.stringify(world.slack.messages));
    if (world.discord) {
      const d = world.discord;
      const posts = d.threads().map((th) => ({ thread: th, messages: d.messagesIn(th.id) }));
      writeFileSync(join(world.dataDir, 'discord-posts.json'), JSON.stringify(posts));
    }
    writeFileSync(join(world.dataDir, 'deliveries.json'), JSON.stringify(deliveries(world, webchat)));
    writeFileSync(join(world.dataDir, 'findings.txt'), t.details.join('\n') + '\n');
    const faults = { '5xx': 0, '429': 0, timeout: 0, slow: 0, ...extra };
    let platformCalls = 0;
    for (const proxy of world.proxies) {
      platformCalls += proxy.calls;
      for (const k of ['5xx', '429', 'timeout', 'slow'] as const) faults[k] += proxy.counts[k];
    }
    return {
      tally: t,
      kills: desk.kills,
      crashes: desk.crashes,
      faults,
      platformCalls,
      outcomes: Object.fromEntries(traffic.outcomes),
      sigtermMs,
      seconds: Math.round((Date.now() - began) / 1000),
      dataDir: world.dataDir,
      deskLog,
    };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    for (const t of timers) clearInterval(t);
    if (progressTimer) clearInterval(progressTimer);
    await desk.kill().catch(() => undefined);
    await world.close();
  }
}
