/** Runs the Telegram connector on a real HTTP port against the Telegram emulator and a fake intake. */
import express from 'express';
import {
  createTelegramConnector,
  type TelegramConnectorOptions,
} from '../../../connectors/telegram/index.js';
import type { ConnectorCursors, ConnectorModule } from '../../../connectors/module.js';
import type { Logger } from '../../../src/core/ports.js';
import { listenLocal } from '../../support/local-server.js';
import { TelegramEmulator } from '../../support/telegram-emulator/index.js';
import { fakeIntake, memoryCursors, testDeps, type FakeIntake } from '../../support/fake-intake.js';

export const TOKEN = '7000000001:AAtest-token_xyz';
export const SECRET = 'hook_Secret-123';

export interface TelegramHarness {
  emulator: TelegramEmulator;
  module: ConnectorModule;
  intake: FakeIntake;
  cursors: ConnectorCursors & { values: Map<string, string> };
  webhookUrl: string;
  /** Builds and starts another connector instance on the same emulator and cursors (a restart). */
  restart(intake?: FakeIntake): Promise<ConnectorModule>;
  close(): Promise<void>;
}

export async function startTelegramHarness(
  options: Partial<TelegramConnectorOptions> = {},
  existing?: TelegramEmulator,
  logger?: Logger,
): Promise<TelegramHarness> {
  const emulator = existing ?? new TelegramEmulator({ token: TOKEN });
  if (!existing) await emulator.start();
  const app = express();
  const server = await listenLocal(app);
  const publicUrl = server.url;
  const cursors = memoryCursors();
  const deps = testDeps({
    clock: { now: () => new Date() },
    cursors,
    publicUrl,
    ...(logger ? { logger } : {}),
  });
  const modules: ConnectorModule[] = [];
  const build = () => {
    const module = createTelegramConnector(
      { botToken: TOKEN, apiUrl: emulator.apiUrl, pollTimeoutSec: 1, retryDelayMs: 50, ...options },
      deps,
    );
    for (const rule of module.connector.pacing ?? []) deps.pacer.define(rule);
    modules.push(module);
    return module;
  };
  const module = build();
  module.mount?.(app);
  const intake = fakeIntake();
  await module.connector.start(intake);
  return {
    emulator,
    module,
    intake,
    cursors,
    webhookUrl: `${publicUrl}/telegram/webhook`,
    async restart(next = intake) {
      const again = build();
      await again.connector.start(next);
      return again;
    },
    async close() {
      for (const m of modules) await m.connector.stop();
      await deps.pacer.stop();
      await server.close();
      await emulator.stop();
    },
  };
}

export async function waitUntil(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}
