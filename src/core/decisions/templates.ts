/**
 * Approved message templates (WhatsApp outside its 24-hour window): offered only where a plain
 * Send is blocked, prefilled from the draft, and sent through the same compare-and-set as every
 * decision, so a second tap sends nothing.
 */
import type { Channel } from '../model.js';
import type { DecisionResult, Store, TemplateDecideInput, TemplateOffersResult } from '../ports.js';
import type { DecisionDeps } from './decisions.js';
import { prefill, renderTemplate, TEMPLATE_META, type MessageTemplate } from '../message-templates.js';
import { alreadyDecided, announceDecision } from './announce.js';
import { newDecision, newDelivery } from './records.js';
import { say } from './say.js';
import { replyTarget, SYSTEM } from './target.js';

export type TemplateDeps = Pick<
  DecisionDeps,
  'store' | 'consoles' | 'connectorFor' | 'clock' | 'ids' | 'logger' | 'kickOutbox'
>;

async function listTemplates(deps: TemplateDeps, channel: Channel): Promise<MessageTemplate[]> {
  try {
    return (await deps.connectorFor(channel)?.templates?.(channel)) ?? [];
  } catch (err) {
    deps.logger.warn({ channel, err: (err as Error).message }, 'templates unavailable');
    return [];
  }
}

async function customerName(store: Store, customerId: string): Promise<string | undefined> {
  const customer = await store.getCustomer(customerId);
  if (customer?.name) return customer.name;
  const identities = await store.listIdentities(customerId);
  return identities.find((i) => i.displayName)?.displayName;
}

export async function canSendTemplate(deps: TemplateDeps, draftId: string): Promise<boolean> {
  const draft = await deps.store.getDraft(draftId);
  if (draft?.status !== 'pending' || !deps.connectorFor(draft.channel)?.templates) return false;
  const customer = await deps.store.getCustomer(draft.customerId);
  if (!customer || customer.optedOut.includes(draft.channel)) return false;
  // Only where Send itself is blocked (a closed window): inside it a plain reply does.
  const target = await replyTarget(deps, draft, { draftId, actor: SYSTEM, action: 'send' });
  if (!('reason' in target)) return false;
  return (await listTemplates(deps, draft.channel)).length > 0;
}

export async function templateOffers(
  deps: TemplateDeps,
  draftId: string,
  actor: TemplateDecideInput['actor'],
): Promise<TemplateOffersResult> {
  const draft = await deps.store.getDraft(draftId);
  if (!draft) return { kind: 'rejected', reason: say(actor, 'draftGone') };
  const templates = await listTemplates(deps, draft.channel);
  if (templates.length === 0) return { kind: 'rejected', reason: say(actor, 'noTemplates') };
  const name = await customerName(deps.store, draft.customerId);
  return {
    kind: 'ok',
    offers: templates.map((template) => ({ template, values: prefill(template, name, draft.text) })),
  };
}

export async function sendTemplate(deps: TemplateDeps, input: TemplateDecideInput): Promise<DecisionResult> {
  const { store } = deps;
  const { actor } = input;
  const draft = await store.getDraft(input.draftId);
  if (!draft) return { kind: 'rejected', reason: say(actor, 'draftGone') };
  if (draft.status !== 'pending') return alreadyDecided(store, draft);
  const customer = await store.getCustomer(draft.customerId);
  if (!customer) return { kind: 'rejected', reason: say(actor, 'customerGone') };
  if (customer.optedOut.includes(draft.channel))
    return { kind: 'rejected', reason: say(actor, 'optedOut', { channel: draft.channel }) };
  const template = (await listTemplates(deps, draft.channel)).find((t) => t.sid === input.templateSid);
  if (!template) return { kind: 'rejected', reason: say(actor, 'noTemplate') };
  const filled = prefill(template, await customerName(store, customer.id), draft.text);
  const values: Record<string, string> = {};
  for (const { key } of template.variables) {
    const value = (input.values[key] ?? filled[key] ?? '').trim();
    if (!value) return { kind: 'rejected', reason: say(actor, 'missingVariable', { key }) };
    values[key] = value;
  }
  const text = renderTemplate(template.body, values);
  const used = `${say(actor, 'templateUsed', { name: template.name })}\n${text}`;
  const decision = newDecision(deps, draft, actor, 'edit_send', draft.channel, used);
  const delivery = newDelivery(deps, draft, draft.channel, draft.replyRef, text, 'reply');
  delivery.message.meta = {
    [TEMPLATE_META.sid]: template.sid,
    [TEMPLATE_META.name]: template.name,
    [TEMPLATE_META.variables]: JSON.stringify(values),
  };
  // The same compare-and-set as every decision: a second tap (or console) sends nothing.
  if (!(await store.commitDecision(decision, 'sent', delivery))) return alreadyDecided(store, draft);
  deps.logger.info({ draftId: draft.id, actor: actor.userId }, 'template queued');
  await announceDecision(store, deps.consoles, draft.id, decision, delivery.job);
  deps.kickOutbox();
  return { kind: 'queued', decision, job: delivery.job };
}
