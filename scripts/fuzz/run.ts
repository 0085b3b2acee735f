/**
 * The fuzz pass against the real desk (a child process, as in the soak, without faults):
 * every webhook route, the chat socket, the mail parser in-process and, end to end, junk
 * mail through Dovecot followed by one good mail (intake must move on past the junk).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { deskRunner, type DeskRunner } from '../soak/desk-runner.js';
import { createRng, type Rng } from '../soak/rng.js';
import { startWorld, type World } from '../soak/world.js';
import { fuzzParser, type MailOutcome } from './mail.js';
import { fuzzConnection, type SocketOutcome } from './socket.js';
import { randomBytes } from './gen.js';
import { httpTargets, type FuzzInput } from './targets.js';

export interface FuzzOptions {
  seed: number;
  /** Inputs per target. */
  perTarget: number;
  concurrency: number;
  log: (line: string) => void;
}

export interface TargetRow {
  target: string;
  inputs: number;
  s2xx: number;
  s4xx: number;
  s5xx: number;
  network: number;
  /** Inputs that had to be refused (unsigned, bad token, malformed) but were not answered 4xx. */
  notRefused: number;
  stored: number;
  /** What the valid control input got (status, rows stored). */
  control?: string;
  examples: string[];
}

export interface FuzzResult {
  rows: TargetRow[];
  mail: MailOutcome;
  mailIntake: { junk: number; stored: number; movedOn: boolean } | undefined;
  crashes: number;
  dataDir: string;
}

/** Rows the desk writes for customers' and owners' actions; an invalid input must add none. */
function storeCount(world: World): number {
  const db = new Database(join(world.dataDir, 'solodesk.db'), { readonly: true, fileMustExist: true });
  try {
    let n = 0;
    for (const table of ['messages', 'customers', 'identities', 'decisions', 'ratings', 'outbox', 'drafts'])
      n += (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return n;
  } finally {
    db.close();
  }
}

/** Resolves once the store's row count has not changed for 1.5 s (at most 30 s). */
async function settled(world: World): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = storeCount(world);
  let still = 0;
  while (still < 3 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = storeCount(world);
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

function preview(input: FuzzInput): string {
  const body = input.body === undefined ? '' : Buffer.from(input.body).toString('latin1').slice(0, 120);
  return `${input.method} ${input.path.slice(0, 80)} ${JSON.stringify(body)}`;
}

async function send(desk: DeskRunner, input: FuzzInput): Promise<number | string> {
  try {
    const res = await fetch(`${desk.url}${input.path}`, {
      method: input.method,
      headers: input.headers,
      ...(input.body !== undefined
        ? { body: typeof input.body === 'string' ? input.body : new Uint8Array(input.body) }
        : {}),
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    const e = err as { cause?: { code?: string }; name?: string; message?: string };
    return e.cause?.code ?? e.name ?? e.message ?? 'error';
  }
}

async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

async function mailEndToEnd(world: World, rng: Rng): Promise<FuzzResult['mailIntake']> {
  const dovecot = world.dovecot;
  if (!dovecot) return undefined;
  const before = storeCount(world);
  const junk = 30;
  for (let i = 0; i < junk; i++) {
    const raw = rng.chance(0.5)
      ? randomBytes(rng, 3000)
      : Buffer.from(`X-Junk: ${i}\r\n\r\n${randomBytes(rng, 200).toString('latin1')}`);
    await dovecot.append(raw.length ? raw : Buffer.from('x'));
  }
  await dovecot.append(
    [
      'From: Dana <dana@mail.example>',
      'To: support@shop.example',
      'Subject: after the junk',
      'Message-ID: <fuzz-after-junk@mail.example>',
      'Date: Thu, 26 Nov 2026 10:30:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Is this one read? (ref fuzzgood)',
      '',
    ].join('\r\n'),
  );
  const deadline = Date.now() + 90_000;
  const db = () => new Database(join(world.dataDir, 'solodesk.db'), { readonly: true, fileMustExist: true });
  for (;;) {
    const conn = db();
    const found = conn.prepare("SELECT COUNT(*) AS n FROM messages WHERE text LIKE '%fuzzgood%'").get() as {
      n: number;
    };
    conn.close();
    if (found.n > 0) break;
    if (Date.now() > deadline) return { junk, stored: storeCount(world) - before, movedOn: false };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
  // The good mail adds a customer, an identity, a message and a draft: 4 rows.
  return { junk, stored: storeCount(world) - before - 4, movedOn: true };
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const rng = createRng(o.seed);
  const world = await startWorld({
    rng: rng.fork('world'),
    rates: { '5xx': 0, '429': 0, timeout: 0, slow: 0 },
    holdMs: 0,
    slowMaxMs: 1000,
    paceDivisor: 1,
    email: true,
    discord: false,
  });
  const desk = deskRunner(world.env, world.args, join(world.dataDir, 'desk.log'));
  try {
    await desk.start();
    const rows: TargetRow[] = [];
    for (const target of httpTargets()) {
      const trng = rng.fork(target.name);
      const row: TargetRow = {
        target: target.name,
        inputs: 0,
        s2xx: 0,
        s4xx: 0,
        s5xx: 0,
        network: 0,
        notRefused: 0,
        stored: 0,
        examples: [],
      };
      const control = target.control?.(world.publicUrl);
      if (control) {
        const start = storeCount(world);
        const status = await send(desk, control);
        // The control's draft is written after classification, which a loaded machine may take
        // seconds over: wait until the store is still, so its rows are not counted as the fuzz's.
        await settled(world);
        const stored = storeCount(world) - start;
        row.control = `${status}${control.stores ? `, ${stored} rows` : ''}`;
        if (typeof status !== 'number' || status >= 300 || (control.stores && stored === 0))
          row.examples.push(`the valid control input was not taken (${row.control}): ${preview(control)}`);
      }
      const before = storeCount(world);
      await pool(o.perTarget, o.concurrency, async () => {
        const input = target.make(trng, world.publicUrl);
        const status = await send(desk, input);
        row.inputs += 1;
        const bad = (why: string) =>
          row.examples.length < 5 && row.examples.push(`${why}: ${preview(input)}`);
        if (typeof status !== 'number') {
          row.network += 1;
          bad(String(status));
        } else if (status >= 500) {
          row.s5xx += 1;
          bad(String(status));
        } else if (status >= 400) row.s4xx += 1;
        else {
          row.s2xx += 1;
          if (input.expect === 'reject') {
            row.notRefused += 1;
            bad(`${status} for an input that must be refused`);
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      row.stored = storeCount(world) - before;
      rows.push(row);
      o.log(
        `${target.name}: ${row.inputs} inputs, ${row.s5xx} 5xx, ${row.network} network errors, ${row.stored} stored`,
      );
      if (!desk.up) {
        o.log('the desk died; starting it again for the next target');
        await desk.start();
      }
    }

    // The chat socket.
    const socketRow: TargetRow = {
      target: 'chat socket (frames)',
      inputs: 0,
      s2xx: 0,
      s4xx: 0,
      s5xx: 0,
      network: 0,
      notRefused: 0,
      stored: 0,
      examples: [],
    };
    const srng = rng.fork('socket');
    const outcome: SocketOutcome = { frames: 0, errors: 0, closed: 0, failures: [] };
    const before = storeCount(world);
    const perConnection = 25;
    await pool(Math.ceil(o.perTarget / perConnection), Math.min(4, o.concurrency), async () => {
      await fuzzConnection(
        `${desk.url.replace('http', 'ws')}/chat/ws`,
        desk.url,
        srng,
        perConnection,
        outcome,
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    socketRow.inputs = outcome.frames;
    socketRow.s4xx = outcome.errors; // error frames: the socket's "4xx"
    socketRow.network = outcome.failures.length;
    socketRow.examples = outcome.failures.slice(0, 5);
    socketRow.stored = storeCount(world) - before;
    rows.push(socketRow);
    o.log(
      `chat socket: ${outcome.frames} frames, ${outcome.errors} error frames, ${outcome.closed} connections closed by the desk`,
    );

    const mail = await fuzzParser(rng.fork('mail'), o.perTarget);
    o.log(`mail parser: ${mail.inputs} inputs, ${mail.rejected} rejected, slowest ${mail.slowest} ms`);
    const mailIntake = await mailEndToEnd(world, rng.fork('mail-e2e'));
    if (!desk.up) o.log('the desk is down at the end of the fuzz pass');
    return { rows, mail, mailIntake, crashes: desk.crashes, dataDir: world.dataDir };
  } finally {
    await desk.kill().catch(() => undefined);
    await world.close();
  }
}
