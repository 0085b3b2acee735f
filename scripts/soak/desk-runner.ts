/**
 * Runs the desk as a child process, kills it with SIGKILL and starts it again on the same
 * DATA_DIR and port (PUBLIC_URL, which Twilio signs over, must not change).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { DeskProcessArgs } from './desk-process.js';

const ROOT = join(import.meta.dirname, '../..');
const ENTRY = join(import.meta.dirname, 'desk-process.ts');

export interface DeskRunner {
  readonly url: string;
  /** Whether a desk process is up and answered /health. */
  readonly up: boolean;
  kills: number;
  starts: number;
  /** Exits nobody asked for (a crash). */
  crashes: number;
  start(): Promise<void>;
  kill(): Promise<void>;
  /** SIGTERM; resolves with how long the exit took (ms), or undefined after `limitMs` (then SIGKILL). */
  terminate(limitMs: number): Promise<number | undefined>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function deskRunner(env: Record<string, string>, args: DeskProcessArgs, logFile: string): DeskRunner {
  const url = `http://127.0.0.1:${env.PORT}`;
  let child: ChildProcess | undefined;
  let up = false;
  let expectExit = false;
  const runner: DeskRunner = {
    url,
    get up() {
      return up;
    },
    kills: 0,
    starts: 0,
    crashes: 0,
    async start() {
      const fd = openSync(logFile, 'a');
      expectExit = false;
      const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY, JSON.stringify(args)], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        stdio: ['ignore', fd, fd],
      });
      closeSync(fd);
      child = proc;
      runner.starts += 1;
      proc.on('exit', () => {
        up = false;
        if (!expectExit && child === proc) runner.crashes += 1;
        if (child === proc) child = undefined;
      });
      for (let i = 0; ; i++) {
        if (proc.exitCode !== null || proc.signalCode !== null)
          throw new Error(`the desk exited while starting (see ${logFile})`);
        const ok = await fetch(`${url}/health`)
          .then((r) => r.status < 500)
          .catch(() => false);
        if (ok) break;
        if (i > 1200) throw new Error(`the desk did not answer /health within 120 s (see ${logFile})`);
        await sleep(100);
      }
      up = true;
    },
    async kill() {
      const proc = child;
      if (!proc) return;
      expectExit = true;
      up = false;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await exited;
      runner.kills += 1;
    },
    async terminate(limitMs) {
      const proc = child;
      if (!proc) return 0;
      expectExit = true;
      const began = Date.now();
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(limitMs).then(() => false)]);
      if (done) return Date.now() - began;
      proc.kill('SIGKILL');
      await exited;
      return undefined;
    },
  };
  return runner;
}
