/**
 * Crash safety with real processes: a desk killed (SIGKILL) after the outbox claimed a job
 * sends it exactly once after restart, a resend after a crash reuses the idempotency key, and a
 * send whose acceptance was stored (the send marker) is not repeated at all. On a channel that
 * cannot recognise a repeat (no idempotency key, no lookup: Telegram), a send the platform took
 * before the kill is not repeated by itself: the job waits for the owner ('uncertain').
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../support/test-config.js';

const CHILD = fileURLToPath(new URL('./fixtures/outbox-child.ts', import.meta.url));

function run(
  dataDir: string,
  url: string,
  mode: string,
  ...extra: string[]
): { child: ChildProcess; waitFor: (line: string) => Promise<void>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, url, mode, ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) if (out.includes(w.line)) w.resolve();
  });
  const waitFor = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(line)) return resolve();
      const timer = setTimeout(() => reject(new Error(`child never printed ${line}; got: ${out}`)), 60_000);
      waiters.push({ line, resolve: () => (clearTimeout(timer), resolve()) });
      child.once('exit', (code) => {
        if (!out.includes(line)) reject(new Error(`child exited (${code}) before ${line}`));
      });
    });
  return { child, waitFor, output: () => out };
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('outbox crash safety (real child processes)', () => {
  let server: Server;
  let url: string;
  const received: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      received.push(String(req.headers['idempotency-key']));
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('killed between claim and send: sends exactly once after restart', async () => {
    received.length = 0;
    const dataDir = tempDir();
    const first = run(dataDir, url, 'first');
    await first.waitFor('SENDING');
    await killed(first.child);
    assert.equal(received.length, 0, 'nothing was sent before the kill');

    const second = run(dataDir, url, 'resume');
    await second.waitFor('DONE');
    await new Promise((r) => second.child.once('exit', r));
    assert.equal(received.length, 1, 'sent exactly once after the restart');
  });

  it('killed after sending but before recording: the resend carries the same idempotency key', async () => {
    received.length = 0;
    const dataDir = tempDir();
    const first = run(dataDir, url, 'after');
    await first.waitFor('SENT-NOT-RECORDED');
    await killed(first.child);
    const second = run(dataDir, url, 'resume');
    await second.waitFor('DONE');
    await new Promise((r) => second.child.once('exit', r));
    assert.equal(received.length, 2);
    assert.equal(new Set(received).size, 1, 'one idempotency key, so the platform can drop the repeat');
  });

  it('killed after the platform accepted and the marker was stored: not sent again after restart', async () => {
    received.length = 0;
    const dataDir = tempDir();
    const first = run(dataDir, url, 'accepted');
    await first.waitFor('ACCEPTED-NOT-RECORDED');
    await killed(first.child);
    const second = run(dataDir, url, 'resume');
    await second.waitFor('DONE');
    await new Promise((r) => second.child.once('exit', r));
    assert.equal(received.length, 1, 'sent exactly once across the crash');
  });

  it('killed after the platform took it, before the marker, on a channel that cannot dedupe: not sent again by itself', async () => {
    // The soak's defect: a Telegram reply accepted, SIGKILL before the send marker's commit, and
    // the next process took the job over after the lease and sent it again.
    received.length = 0;
    const dataDir = tempDir();
    const first = run(dataDir, url, 'after');
    await first.waitFor('SENT-NOT-RECORDED');
    const jobId = /SENDING (\S+)/.exec(first.output())?.[1];
    assert.ok(jobId, 'the child named its job');
    await killed(first.child);
    const second = run(dataDir, url, 'settle', jobId);
    await second.waitFor('SETTLED');
    await new Promise((r) => second.child.once('exit', r));
    assert.equal(received.length, 1, 'the customer got the reply once');
    assert.match(second.output(), /SETTLED uncertain/, 'the owner is asked instead');
  });
});
