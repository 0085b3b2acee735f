/**
 * A connector for core tests: records what the outbox sends, can be told to fail, and hands
 * the test the Intake so it can deliver inbound messages like a real connector would.
 */
import type { Channel } from '../../src/core/model.js';
import type { Intake, OutboundMessage, SendCheck, SendResult } from '../../src/core/ports.js';
import type { ConnectorModule } from '../../connectors/module.js';

export interface RecordingConnector extends ConnectorModule {
  sent: OutboundMessage[];
  intake(): Intake;
  /** Results to return for the next sends, in order; then `sent`. */
  script: (SendResult | Error)[];
  /** When set, canSend answers this. */
  block?: SendCheck;
}

export function recordingConnector(channels: Channel[] = ['sms'], name = 'recording'): RecordingConnector {
  let intake: Intake | undefined;
  const self: RecordingConnector = {
    sent: [],
    script: [],
    intake() {
      if (!intake) throw new Error('connector not started');
      return intake;
    },
    connector: {
      name,
      channels,
      async start(i) {
        intake = i;
      },
      async stop() {},
      async send(message) {
        const next = self.script.shift();
        if (next instanceof Error) throw next;
        if (next && next.kind !== 'sent') return next;
        self.sent.push(message);
        return next ?? { kind: 'sent', externalId: `ext-${message.jobId}` };
      },
      canSend() {
        return self.block ?? { ok: true };
      },
      health: () => ({ state: 'up' }),
    },
  };
  return self;
}
