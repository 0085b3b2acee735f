/**
 * For console tests of "Send template…": the real Twilio connector aimed at the Twilio
 * emulator (one approved template with two variables, one pending), on a clock the test
 * moves past WhatsApp's 24-hour window, and a WhatsApp inbound for the desk to draft from.
 */
import { createTwilioConnector, type TwilioConnectorModule } from '../../connectors/twilio/index.js';
import type { InboundMessage } from '../../src/core/ports.js';
import { createBottleneckPacer } from '../../src/pacing/bottleneck-pacer.js';
import { fakeClock, testDeps, type FakeClock } from './fake-intake.js';
import type { EmulatedContent } from './twilio-emulator/content.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  OUR_WHATSAPP,
  PUBLIC_URL,
  twilioOptions,
} from './twilio-emulator/harness.js';
import { TwilioEmulator } from './twilio-emulator/index.js';

export const WA_CUSTOMER = '+15551239876';
export const TEMPLATE_BODY = 'Hi {{1}}, an update on your request: {{2}} Reply to continue.';

export interface WhatsappTemplates {
  emulator: TwilioEmulator;
  module: TwilioConnectorModule;
  /** The connector's and the emulator's clock (the desk keeps real time). */
  clock: FakeClock;
  approved: EmulatedContent;
  stop(): Promise<void>;
}

export async function startWhatsappTemplates(): Promise<WhatsappTemplates> {
  const clock = fakeClock(Date.now());
  const emulator = new TwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, now: clock.now });
  const url = await emulator.start();
  const approved = emulator.content.add({
    friendlyName: 'request_update',
    body: TEMPLATE_BODY,
    variables: { '1': 'Customer', '2': 'news' },
  });
  emulator.content.add({ friendlyName: 'not_yet_approved', body: 'Hello {{1}}', status: 'pending' });
  const pacer = createBottleneckPacer();
  const module = createTwilioConnector(twilioOptions(url), testDeps({ pacer, clock, publicUrl: PUBLIC_URL }));
  return {
    emulator,
    module,
    clock,
    approved,
    async stop() {
      await pacer.stop();
      await emulator.stop();
    },
  };
}

let n = 0;
export function whatsappInbound(text: string, name = 'Ana'): InboundMessage {
  n += 1;
  return {
    channel: 'whatsapp',
    externalId: `SMwa${Date.now()}${n}`,
    from: { address: WA_CUSTOMER, displayName: name },
    replyRef: `whatsapp:${OUR_WHATSAPP}:${WA_CUSTOMER}`,
    text,
  };
}
