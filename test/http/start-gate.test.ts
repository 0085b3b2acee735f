/**
 * Fast start: the desk answers /health before its connectors have started, and a webhook that
 * arrives in that window is held and then stored — not refused, not lost.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import { createDesk } from '../../src/app.js';
import type { ConnectorModule } from '../../connectors/module.js';
import type { Intake } from '../../src/core/ports.js';
import { recordingConsole } from '../support/recording-console.js';
import { sms } from '../support/desk-harness.js';
import { stubClassifier, stubDrafter } from '../support/stub-nlp.js';
import { testConfig } from '../support/test-config.js';

/** A connector whose start waits for the test (a slow remote handshake), with a webhook route. */
function slowConnector(): { module: ConnectorModule; finishStart: () => void } {
  let intake: Intake | undefined;
  let finishStart: () => void = () => {};
  const started = new Promise<void>((resolve) => (finishStart = resolve));
  const module: ConnectorModule = {
    connector: {
      name: 'slow',
      channels: ['sms'],
      async start(i) {
        await started;
        intake = i;
      },
      async stop() {},
      async send() {
        return { kind: 'sent', externalId: 'x' };
      },
      health: () => ({ state: intake ? 'up' : 'starting' }),
    },
    mount(app) {
      app.post('/slow-hook', express.json(), async (req, res) => {
        if (!intake) {
          res.status(503).json({ error: 'not started' });
          return;
        }
        const result = await intake.receive(sms(String((req.body as { text: string }).text), '+15550002222'));
        res.status(200).json({ kind: result.kind });
      });
    },
  };
  return { module, finishStart: () => finishStart() };
}

describe('the desk listens before its connectors have started', () => {
  it('answers /health at once; a webhook in the window is held, then stored', async () => {
    const slow = slowConnector();
    const desk = await createDesk(testConfig(), {
      classifier: stubClassifier,
      drafter: stubDrafter,
      terminal: false,
      port: 0,
      connectors: [slow.module],
      consoles: [recordingConsole()],
    });
    const starting = desk.start();
    try {
      let url = '';
      for (let i = 0; i < 200 && !url; i++) {
        await new Promise((r) => setTimeout(r, 10));
        url = desk.url;
      }
      assert.ok(url, 'the desk listens while a connector is still starting');
      assert.equal((await fetch(`${url}/health`)).status, 200);

      let answered = false;
      const hook = fetch(`${url}/slow-hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'hello while starting' }),
      }).then(async (r) => {
        answered = true;
        return { status: r.status, body: (await r.json()) as { kind: string } };
      });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(answered, false, 'held until the connector has started, not refused');

      slow.finishStart();
      const res = await hook;
      assert.equal(res.status, 200);
      assert.equal(res.body.kind, 'stored');
      await starting;
      const customer = await desk.store.findCustomerByIdentity('sms', '+15550002222');
      assert.ok(customer, 'the message held in the window was stored');
    } finally {
      slow.finishStart();
      await starting.catch(() => undefined);
      await desk.stop();
    }
  });
});
