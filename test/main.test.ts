/**
 * The real process, as `npm start` runs it: starts with no configuration but a data folder and
 * a port, answers /health and /query, and on SIGTERM stops intake, finishes and exits 0.
 * A malformed variable stops it with a message naming the variable.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { tempDir } from './support/test-config.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// Absolute, so the process can run in an empty folder (no .env of the developer's).
const TSX = import.meta.resolve('tsx');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    cwd: tempDir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the solodesk process', () => {
  it('runs with defaults, answers health and /query, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const p = start({ PORT: String(port), DATA_DIR: tempDir() });
    let health: Response | undefined;
    for (let i = 0; i < 150 && !health; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    }
    assert.ok(health, `never came up: ${p.output()}`);
    assert.equal(health.status, 200);
    const query = await fetch(`http://127.0.0.1:${port}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '我需要通过电子邮件查询订单状态。' }),
    });
    assert.equal(((await query.json()) as { recommendedChannel: string }).recommendedChannel, 'email');
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0, p.output());
    assert.match(p.output(), /finishing in-flight work/);
  });

  it('refuses a malformed variable, naming it, without printing secrets', async () => {
    const p = start({ PORT: 'abc', DATA_DIR: tempDir(), SLACK_BOT_TOKEN: 'xoxb-very-secret-token' });
    assert.equal(await p.exited, 1);
    assert.match(p.output(), /PORT: expected a port number/);
    assert.doesNotMatch(p.output(), /xoxb-very-secret-token/);
  });
});
