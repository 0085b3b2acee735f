/**
 * For the bundle tests: the image's /app assembled by scripts/assemble-runtime.mjs (what the
 * Dockerfile's build stage runs) in a temporary folder, and its entry started from there.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/test-config.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Metafile {
  outputs: Record<
    string,
    { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }
  >;
}

/** Assembles the runtime folder; returns it and esbuild's metafile (output paths relative to ROOT). */
export function assembleApp(): { app: string; meta: Metafile } {
  const app = tempDir();
  const metafile = join(tempDir(), 'meta.json');
  const built = spawnSync(process.execPath, ['scripts/assemble-runtime.mjs', app, '--metafile', metafile], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, built.stderr);
  return { app, meta: JSON.parse(readFileSync(metafile, 'utf8')) as Metafile };
}

export interface Running {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node --optimize-for-size dist-bundle/main.js` in `app` (the image's CMD) and waits for /health. */
export async function startBundle(app: string, env: Record<string, string>, port: number): Promise<Running> {
  const child = spawn(process.execPath, ['--optimize-for-size', 'dist-bundle/main.js'], {
    cwd: app,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  const running = {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  for (let i = 0; i < 300; i++) {
    const health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (health?.status === 200) return running;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await running.stop();
  assert.fail(`never healthy: ${output}`);
}
