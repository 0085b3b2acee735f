/**
 * Issue 15, finding 7: the DM catch-up position must advance only over consecutive successes.
 * A DM that could not be stored, followed by one that was, used to move the cursor past the
 * failed one, so no catch-up ever read it again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiscordClient } from '../../../connectors/discord/client.js';
import { createDiscordConnector } from '../../../connectors/discord/index.js';
import type { InboundMessage } from '../../../src/core/ports.js';
import { DiscordEmulator } from '../../support/discord-emulator/index.js';
import { recordingIntake, recordingPacer, silentLogger } from '../../support/discord-emulator/harness.js';

function setup(emu: DiscordEmulator, retryDelayMs: number) {
  const saved = new Map<string, string>();
  const intake = recordingIntake();
  let failWhen: (m: InboundMessage) => boolean = () => false;
  const receive = intake.receive.bind(intake);
  intake.receive = async (m) => {
    if (failWhen(m)) throw new Error('store unavailable');
    return receive(m);
  };
  const deps = {
    logger: silentLogger(),
    pacer: recordingPacer(),
    clock: { now: () => new Date() },
    publicUrl: 'http://x',
    appSecret: 's'.repeat(32),
    dataDir: '/tmp',
    cursors: {
      get: async (k: string) => saved.get(k),
      set: async (k: string, v: string) => void saved.set(k, v),
    },
  };
  const open = async () => {
    const handle = createDiscordClient({ token: emu.token, apiUrl: emu.apiUrl, rest: { retries: 0 } });
    const m = createDiscordConnector({ client: handle, retryDelayMs }, deps);
    await m.connector.start(intake);
    return m;
  };
  return { saved, intake, open, failing: (f: (m: InboundMessage) => boolean) => (failWhen = f) };
}

test('a DM that failed to store is read again after a restart, although a later DM was stored', async () => {
  const emu = await DiscordEmulator.start();
  const stops: (() => Promise<void>)[] = [];
  try {
    const { intake, open, failing } = setup(emu, 60 * 60_000);
    const hana = emu.user('hana');
    let module = await open();
    stops.push(() => module.connector.stop());
    emu.sendDM(hana, 'first');
    await emu.waitFor(() => intake.received.length === 1 || undefined, 3000, 'first DM');
    failing((m) => m.text === 'lost in a store outage');
    emu.sendDM(hana, 'lost in a store outage');
    emu.sendDM(hana, 'stored after it');
    await emu.waitFor(() => intake.received.length === 2 || undefined, 3000, 'third DM');
    await module.connector.stop();

    failing(() => false);
    module = await open();
    await emu.waitFor(() => intake.received.length === 3 || undefined, 5000, 'the failed DM, caught up');
    assert.deepEqual(
      intake.received.map((m) => m.text),
      ['first', 'stored after it', 'lost in a store outage'],
    );
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    await emu.close();
  }
});

test('a DM that failed to store is retried by a catch-up without a restart', async () => {
  const emu = await DiscordEmulator.start();
  const stops: (() => Promise<void>)[] = [];
  try {
    const { intake, open, failing } = setup(emu, 50);
    const ivo = emu.user('ivo');
    let failures = 0;
    failing((m) => m.text === 'flaky' && failures++ < 1);
    const module = await open();
    stops.push(() => module.connector.stop());
    emu.sendDM(ivo, 'flaky');
    emu.sendDM(ivo, 'next');
    await emu.waitFor(() => intake.received.length === 2 || undefined, 5000, 'both DMs stored');
    assert.deepEqual(new Set(intake.received.map((m) => m.text)), new Set(['flaky', 'next']));
    assert.equal(failures, 2, 'the first try failed, the retry stored it');
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    await emu.close();
  }
});
