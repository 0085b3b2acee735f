/**
 * The cast of the omnichannel story (omnichannel.test.ts): the customers' numbers, the one desk
 * they all write to, and the owner's and customers' helpers every scene uses.
 */
import assert from 'node:assert/strict';
import type { Customer } from '../../../src/core/model.js';
import type { EmulatedMessage } from '../../support/slack-emulator/index.js';
import { Customers, type Visitor } from '../customers.js';
import { startOmniDesk, type OmniDesk } from '../omni-desk.js';
import { SlackOwner } from '../slack-owner.js';

export const ALICE = '+15551110001'; // SMS, then WhatsApp from the same phone
export const BOB_PSID = 'psid-bob-e2e'; // Messenger…
export const BOB_SMS = '+15551110002'; // …and an SMS number with no email: merged by the owner
export const DAN_CHAT = 777100; // Telegram, who also has an SMS number
export const DAN_SMS = '+15551110004';
export const LI = '+8613800138000'; // a Chinese customer texting from a mainland mobile
export const WHEN = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

export let d: OmniDesk;
const current = () => d;
export const owner = new SlackOwner(current);
export const customers = new Customers(current);
/** What one scene leaves for a later one. */
export const kept: {
  /** The website chat visitor of scenario 7. */
  visitor?: Visitor;
  /** The owner's typed note of scenario 3, for Slack's retry of the same event. */
  ownerNote?: { root: EmulatedMessage; envelope: Record<string, unknown> };
} = {};

/** Starts the one desk the whole story runs on. */
export async function openDesk(): Promise<void> {
  d = await startOmniDesk();
}
export async function closeDesk(): Promise<void> {
  kept.visitor?.close();
  await d.stop();
}

export const store = () => d.desk.store;
export const settle = async () => {
  await d.desk.drain();
  await d.desk.drain();
};
export async function customerBy(
  channel: Parameters<OmniDesk['desk']['store']['findCustomerByIdentity']>[0],
  address: string,
): Promise<Customer> {
  const found = await store().findCustomerByIdentity(channel, address);
  assert.ok(found, `a customer for ${channel}:${address}`);
  return found;
}
export async function pendingDraft(
  customerId: string,
  textOf: RegExp | ((t: string) => boolean) = () => true,
) {
  const match = typeof textOf === 'function' ? textOf : (t: string) => textOf.test(t);
  const drafts = (await store().listPendingDrafts(500)).filter((x) => x.customerId === customerId);
  const draft = drafts.filter((x) => match(x.text)).at(-1);
  assert.ok(draft, `a pending draft for ${customerId}: ${JSON.stringify(drafts.map((x) => x.text))}`);
  return draft;
}
/** SMS to a number (WhatsApp messages are addressed `whatsapp:+…`). */
export const twilioTo = (to: string) => d.twilio.messages.filter((m) => m.to === to);
/** Everything Twilio carried to a phone: SMS and WhatsApp. */
export const toPhone = (n: string) => d.twilio.messages.filter((m) => m.to.replace(/^whatsapp:/, '') === n);
export const ratingsOf = async (customerId: string) => {
  const conversation = await store().latestConversation(customerId);
  return conversation ? store().listRatings(conversation.id) : [];
};
