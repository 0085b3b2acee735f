/** Runs the WeChat connector on a real HTTP port against the WeChat emulator and a fake intake. */
import express from 'express';
import { createWechatConnector, type WechatConnectorOptions } from '../../../connectors/wechat/index.js';
import type { ConnectorModule } from '../../../connectors/module.js';
import type { Logger } from '../../../src/core/ports.js';
import { listenLocal } from '../../support/local-server.js';
import { WechatEmulator } from '../../support/wechat-emulator/index.js';
import {
  fakeClock,
  fakeIntake,
  memoryCursors,
  testDeps,
  type FakeClock,
  type FakeIntake,
} from '../../support/fake-intake.js';

export const WECHAT = {
  appId: 'wx0123456789abcdef',
  appSecret: 'wechat-app-secret-0123',
  token: 'desktoken42',
  /** 43 characters of A–Z a–z 0–9, as the WeChat console generates. */
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

export interface WechatHarness {
  emulator: WechatEmulator;
  module: ConnectorModule;
  intake: FakeIntake;
  clock: FakeClock;
  url: string;
  close(): Promise<void>;
}

export async function startWechatHarness(
  options: { safeMode?: boolean; connector?: Partial<WechatConnectorOptions>; logger?: Logger } = {},
): Promise<WechatHarness> {
  const clock = fakeClock();
  const emulator = new WechatEmulator({
    appId: WECHAT.appId,
    appSecret: WECHAT.appSecret,
    token: WECHAT.token,
    ...(options.safeMode ? { encodingAesKey: WECHAT.encodingAesKey } : {}),
    now: () => clock.now(),
  });
  await emulator.start();
  const deps = testDeps({
    clock,
    cursors: memoryCursors(),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const module = createWechatConnector(
    {
      appId: WECHAT.appId,
      appSecret: WECHAT.appSecret,
      token: WECHAT.token,
      apiUrl: emulator.apiUrl,
      ...(options.safeMode ? { encodingAesKey: WECHAT.encodingAesKey } : {}),
      ...options.connector,
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
    url: `${server.url}/wechat`,
    async close() {
      await module.connector.stop();
      await deps.pacer.stop();
      await server.close();
      await emulator.stop();
    },
  };
}
