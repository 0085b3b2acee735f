/**
 * Transcript retention and the desk-wide trip notice, at the connector: expired transcripts are
 * deleted at start and by the periodic sweep; recent ones stay; a trip is announced once until
 * it has been quiet for a while.
 */
import assert from 'node:assert/strict';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { Admission, TRIP_QUIET_MS } from '../../../connectors/webchat/admission.js';
import { TRANSCRIPT_SWEEP_MS } from '../../../connectors/webchat/index.js';
import { ChatClient, startChatServer } from './harness.js';

const DAY = 86_400_000;

function transcriptFile(dataDir: string, address: string): string {
  return join(dataDir, 'webchat', 'visitors', `${address}.json`);
}

describe('transcript retention', () => {
  it('deletes transcripts older than the configured days at start, keeps recent ones', async () => {
    const first = await startChatServer({ limits: { transcriptDays: 30 } });
    const { client: oldVisitor, welcome: oldWelcome } = await ChatClient.join(first.wsUrl, first.origin);
    oldVisitor.send({ type: 'message', id: 'retention-old-1', text: 'an old question' });
    await oldVisitor.next((f) => f.type === 'ack');
    const { client: newVisitor, welcome: newWelcome } = await ChatClient.join(first.wsUrl, first.origin);
    newVisitor.send({ type: 'message', id: 'retention-new-1', text: 'a new question' });
    await newVisitor.next((f) => f.type === 'ack');
    oldVisitor.close();
    newVisitor.close();
    await first.close();

    const oldAddress = String(oldWelcome.visitor).split('.')[1] as string;
    const newAddress = String(newWelcome.visitor).split('.')[1] as string;
    const oldFile = transcriptFile(first.dataDir, oldAddress);
    const newFile = transcriptFile(first.dataDir, newAddress);
    const longAgo = new Date(Date.now() - 31 * DAY);
    utimesSync(oldFile, longAgo, longAgo);
    utimesSync(newFile, new Date(Date.now() - 29 * DAY), new Date(Date.now() - 29 * DAY));
    // A temp file a crash left behind goes too.
    const stray = `${oldFile}.123.1.tmp`;
    writeFileSync(stray, '{}');
    utimesSync(stray, longAgo, longAgo);

    const again = await startChatServer({ limits: { transcriptDays: 30 } }, undefined, first.dataDir);
    try {
      // The start-up sweep runs in the background.
      for (let i = 0; i < 200 && (existsSync(oldFile) || existsSync(stray)); i++)
        await new Promise((r) => setTimeout(r, 10));
      assert.equal(existsSync(oldFile), false, 'expired transcript deleted at start');
      assert.equal(existsSync(stray), false);
      assert.equal(existsSync(newFile), true, 'a recent transcript stays');
      // The returning visitor whose transcript expired starts with an empty history.
      const { client, welcome } = await ChatClient.join(
        again.wsUrl,
        again.origin,
        String(oldWelcome.visitor),
      );
      assert.deepEqual(welcome.history, []);
      client.close();
    } finally {
      await again.close();
    }
  });

  it('the periodic sweep deletes transcripts that expire while the desk runs', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const chat = await startChatServer({ limits: { transcriptDays: 7 } });
    try {
      const { client, welcome } = await ChatClient.join(chat.wsUrl, chat.origin);
      client.send({ type: 'message', id: 'retention-run-1', text: 'hello' });
      await client.next((f) => f.type === 'ack');
      client.close();
      const file = transcriptFile(chat.dataDir, String(welcome.visitor).split('.')[1] as string);
      const longAgo = new Date(Date.now() - 8 * DAY);
      utimesSync(file, longAgo, longAgo);
      assert.equal(existsSync(file), true);
      mock.timers.tick(TRANSCRIPT_SWEEP_MS);
      for (let i = 0; i < 100 && existsSync(file); i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(existsSync(file), false, 'deleted by the hourly sweep');
    } finally {
      mock.timers.reset();
      await chat.close();
    }
  });

  it('transcriptDays 0 keeps everything', async () => {
    const first = await startChatServer({ limits: { transcriptDays: 0 } });
    const { client, welcome } = await ChatClient.join(first.wsUrl, first.origin);
    client.send({ type: 'message', id: 'retention-keep-1', text: 'keep me' });
    await client.next((f) => f.type === 'ack');
    client.close();
    await first.close();
    const file = transcriptFile(first.dataDir, String(welcome.visitor).split('.')[1] as string);
    const longAgo = new Date(Date.now() - 3650 * DAY);
    utimesSync(file, longAgo, longAgo);
    const again = await startChatServer({ limits: { transcriptDays: 0 } }, undefined, first.dataDir);
    await again.close();
    assert.equal(existsSync(file), true);
  });
});

describe('desk-wide trip notice', () => {
  it('is sent once per trip: not per refusal, again only after a quiet period', () => {
    let now = 0;
    let trips = 0;
    const admission = new Admission(
      { connectionsPerIp: 0, newVisitorsPerIpPerHour: 0, newVisitorsPerHour: 2 },
      () => now,
      () => (trips += 1),
    );
    assert.equal(admission.newVisitor('a'), undefined);
    assert.equal(admission.newVisitor('b'), undefined);
    for (let i = 0; i < 50; i++) assert.equal(admission.newVisitor(`x${i}`)?.code, 'chat_busy');
    assert.equal(trips, 1);
    // A sustained flood: a token comes back every 30 min, is taken, and refusals go on — still one trip.
    for (let step = 0; step < 8; step++) {
      now += 60_000 * 5;
      admission.newVisitor('flood');
    }
    assert.equal(trips, 1);
    now += TRIP_QUIET_MS + 3_600_000;
    assert.equal(admission.newVisitor('c'), undefined);
    assert.equal(admission.newVisitor('d'), undefined);
    assert.equal(admission.newVisitor('e')?.code, 'chat_busy');
    assert.equal(trips, 2, 'a new trip after a quiet period is announced again');
  });
});
