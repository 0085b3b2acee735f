/** Builds and starts a whole desk in-process for tests, with recording console and connector. */
import { createDesk, type Desk, type DeskOverrides } from '../../src/app.js';
import type { InboundMessage } from '../../src/core/ports.js';
import { recordingConnector, type RecordingConnector } from './recording-connector.js';
import { recordingConsole, type RecordingConsole } from './recording-console.js';
import { stubClassifier, stubDrafter } from './stub-nlp.js';
import { testConfig } from './test-config.js';

export interface TestDesk {
  desk: Desk;
  console: RecordingConsole;
  connector: RecordingConnector;
  stop(): Promise<void>;
}

export async function startTestDesk(
  options: { env?: Record<string, string>; overrides?: DeskOverrides; realNlp?: boolean } = {},
): Promise<TestDesk> {
  const console = recordingConsole();
  const connector = recordingConnector(['sms', 'email']);
  const desk = await createDesk(testConfig(options.env), {
    ...(options.realNlp ? {} : { classifier: stubClassifier, drafter: stubDrafter }),
    terminal: false,
    port: 0,
    outbox: { pollMs: 50, baseDelayMs: 10, maxDelayMs: 50 },
    ...options.overrides,
    connectors: [connector, ...(options.overrides?.connectors ?? [])],
    consoles: [console, ...(options.overrides?.consoles ?? [])],
  });
  await desk.start();
  return { desk, console, connector, stop: () => desk.stop() };
}

let counter = 0;
/** An SMS-like inbound message; pass `externalId` to simulate a redelivery. */
export function sms(
  text: string,
  from = '+15550001111',
  extra: Partial<InboundMessage> = {},
): InboundMessage {
  counter += 1;
  return {
    channel: 'sms',
    externalId: `SM${Date.now()}${counter}`,
    from: { address: from },
    replyRef: `sms:+15559990000:${from}`,
    text,
    ...extra,
  };
}
