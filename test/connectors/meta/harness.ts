/** Runs the Meta connector on a real HTTP port against the Meta emulator and a fake intake. */
import express from 'express';
import { createMetaConnector } from '../../../connectors/meta/index.js';
import type { ConnectorModule } from '../../../connectors/module.js';
import type { Logger } from '../../../src/core/ports.js';
import { listenLocal } from '../../support/local-server.js';
import { MetaEmulator } from '../../support/meta-emulator/index.js';
import {
  fakeClock,
  fakeIntake,
  memoryCursors,
  testDeps,
  type FakeClock,
  type FakeIntake,
} from '../../support/fake-intake.js';

export const SECRET = 'meta-app-secret';
export const VERIFY = 'verify-me';
export const PAGE_TOKEN = 'EAAB-page-token';
export const PAGE_ID = '1000000001';
export const IG_ID = '17841400000000001';

export interface MetaHarness {
  emulator: MetaEmulator;
  module: ConnectorModule;
  intake: FakeIntake;
  clock: FakeClock;
  webhookUrl: string;
  close(): Promise<void>;
}

export async function startMetaHarness(
  logger?: Logger,
  options: { ownerLanguage?: 'en' | 'zh' } = {},
): Promise<MetaHarness> {
  const clock = fakeClock();
  const emulator = new MetaEmulator({
    pageToken: PAGE_TOKEN,
    appSecret: SECRET,
    pageId: PAGE_ID,
    instagramId: IG_ID,
    now: () => clock.now(),
  });
  await emulator.start();
  const deps = testDeps({ clock, cursors: memoryCursors(), ...(logger ? { logger } : {}) });
  const module = createMetaConnector(
    {
      verifyToken: VERIFY,
      appSecret: SECRET,
      pageToken: PAGE_TOKEN,
      instagramId: IG_ID,
      graphUrl: emulator.graphUrl,
      ...options,
    },
    deps,
  );
  for (const rule of module.connector.pacing ?? []) deps.pacer.define(rule);
  const app = express();
  module.mount?.(app);
  const server = await listenLocal(app);
  const intake = fakeIntake();
  await module.connector.start(intake);
  return {
    emulator,
    module,
    intake,
    clock,
    webhookUrl: `${server.url}/meta/webhook`,
    async close() {
      await module.connector.stop();
      await deps.pacer.stop();
      await server.close();
      await emulator.stop();
    },
  };
}
