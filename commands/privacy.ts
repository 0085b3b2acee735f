/**
 * `/cs export <customer>` and `/cs forget <customer>` (issue 19). A customer is named by
 * their id (as on the card), an email address or a phone number. Forget asks first: the
 * reply carries a confirmation that runs `forget <id> yes`.
 */
import { normaliseAddress } from '../src/core/identify.js';
import type { Actor, Channel, Identity } from '../src/core/model.js';
import type { Clock, Store } from '../src/core/ports.js';
import { messagesCsv, type PrivacyStore } from '../src/core/privacy.js';
import type { Command, CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';
import { inBothLanguages, ownerStrings, type OwnerStrings } from '../src/core/owner-strings/index.js';

type Key = keyof OwnerStrings['commands']['privacy'];

export interface PrivacyCommandDeps {
  store: Store & PrivacyStore;
  clock: Clock;
  language?: OwnerLanguage;
  /**
   * Runs before the store erases (while the identities are still known): consoles erase their
   * posts about the customer, the webchat transcripts go. Failures are logged there, not fatal.
   */
  beforeForget?: (customerId: string, identities: Identity[]) => Promise<void>;
}

const PHONE_CHANNELS: Channel[] = ['sms', 'whatsapp', 'phone'];

/** The customer an owner named: an id, an email address or a phone number (merged profiles lead on). */
export async function resolveCustomer(store: Store, who: string): Promise<string | undefined> {
  const wanted = who.trim();
  if (!wanted) return undefined;
  const direct = await store.getCustomer(wanted);
  if (direct) return direct.mergedInto ?? direct.id;
  const candidates: { channel: Channel; address: string }[] = [];
  if (wanted.includes('@')) candidates.push({ channel: 'email', address: normaliseAddress('email', wanted) });
  const digits = wanted.replace(/[\s().-]/g, '');
  if (/^\+?\d{6,15}$/.test(digits)) {
    const e164 = digits.startsWith('+') ? digits : `+${digits}`;
    for (const channel of PHONE_CHANNELS) candidates.push({ channel, address: e164 });
    for (const channel of PHONE_CHANNELS) candidates.push({ channel, address: `whatsapp:${e164}` });
  }
  for (const c of candidates) {
    const found = await store.findCustomerByIdentity(c.channel, c.address);
    if (found) return found.mergedInto ?? found.id;
  }
  for (const c of candidates) {
    const [claimant] = await store.findClaimants(c.channel, c.address);
    if (claimant) return claimant;
  }
  return undefined;
}

export function createPrivacyCommands(deps: PrivacyCommandDeps): Command[] {
  const lang = deps.language ?? 'en';
  const t = (key: Key, vars: Record<string, string | number> = {}) =>
    ownerStrings(lang).commands.privacy[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  const usage = (key: Key): CommandReply => ({ title: `/cs ${t(key)}`, sections: [], usage: true });
  const notFound = (who: string): CommandReply => ({ title: t('notFound', { who }), sections: [] });

  const exportCommand: Command = {
    name: 'export',
    usage: ownerStrings('en').commands.privacy.exportUsage,
    summary: inBothLanguages((s) => s.commands.privacy.exportSummary),
    async run(args: string[], _actor: Actor) {
      const who = args.join(' ');
      if (!who) return usage('exportUsage');
      const id = await resolveCustomer(deps.store, who);
      const data = id && (await deps.store.exportCustomer(id, deps.clock.now()));
      if (!id || !data) return notFound(who);
      const stamp = deps.clock.now().toISOString().slice(0, 10);
      return {
        title: t('exportTitle', { id }),
        sections: [],
        text: t('exportText', {
          messages: data.messages.length,
          conversations: data.conversations.length,
          attachments: data.attachments.length,
        }),
        files: [
          {
            filename: `customer-${id}-${stamp}.json`,
            contentType: 'application/json',
            data: Buffer.from(JSON.stringify(data, null, 2)),
          },
          {
            filename: `customer-${id}-${stamp}-messages.csv`,
            contentType: 'text/csv',
            data: Buffer.from(messagesCsv(data.messages)),
          },
        ],
      };
    },
  };

  const forgetCommand: Command = {
    name: 'forget',
    usage: ownerStrings('en').commands.privacy.forgetUsage,
    summary: inBothLanguages((s) => s.commands.privacy.forgetSummary),
    async run(args: string[], _actor: Actor) {
      const confirmed = args.length > 1 && args[args.length - 1]!.toLowerCase() === 'yes';
      const who = (confirmed ? args.slice(0, -1) : args).join(' ');
      if (!who) return usage('forgetUsage');
      const id = await resolveCustomer(deps.store, who);
      if (!id) return notFound(who);
      if (!confirmed)
        return {
          title: t('askTitle', { id }),
          sections: [],
          text: t('askText'),
          confirm: { label: t('confirm'), command: 'forget', args: [id, 'yes'], style: 'danger' },
        };
      const identities = await deps.store.listIdentities(id);
      await deps.beforeForget?.(id, identities);
      const done = await deps.store.forgetCustomer(id);
      return {
        title: t('doneTitle', { id }),
        sections: [],
        text: t('doneText', { messages: done.messages, files: done.files, identities: done.identities }),
      };
    },
  };
  return [exportCommand, forgetCommand];
}
