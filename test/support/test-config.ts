/** A Config for tests: a fresh temp DATA_DIR, any free port, quiet logs, no .env file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';

export function tempDir(prefix = 'solodesk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      DATA_DIR: tempDir(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      APP_SECRET: 'test-secret-test-secret-test-secret-0123',
      TERMINAL_CONSOLE: 'off',
      TZ: 'UTC',
      // The daily digest posts at the first tick after its time of day, so a suite run after
      // 08:30 would find an extra post in its console; tests of the digest turn it on.
      DIGEST_AT: 'off',
      ...env,
    },
    { dotEnvPath: '/nonexistent/.env' },
  );
}
