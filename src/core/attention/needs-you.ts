/**
 * The replies that need the owner (`/cs due`, the digest): a reply whose delivery failed (all
 * retries spent, or refused) and is still the newest of its conversation, and any job left
 * `uncertain` (the desk stopped mid-send; the owner answers Send again / It arrived). The
 * waiting list counts a conversation as answered once Send was decided, so without this list
 * such a reply shows only on its case card.
 */
import type { Channel, OutboxJob } from '../model.js';
import { fillOwner, ownerStrings } from '../owner-strings/index.js';
import type { Store } from '../ports.js';
import type { Attention } from './attention.js';
import { shortDuration } from './owner-labels.js';
import { customerName } from '../customer-name.js';

export interface NeedsYouRow {
  customerId: string;
  conversationId: string;
  jobId: string;
  kind: 'failed' | 'uncertain';
  name: string;
  channel: Channel;
  /** In the owner's words: the platform's reason, or "may already have arrived". */
  what: string;
  /** "2 h": since it failed or the desk stopped. */
  since: string;
}

/** How long a platform's reason may be on one line (the case card shows it in full). */
const MAX_REASON = 200;

export async function needsYouRows(attention: Attention, limit = 200): Promise<NeedsYouRow[]> {
  const { store, clock } = attention.deps;
  const lang = attention.settings.ownerLanguage;
  const t = ownerStrings(lang).commands.due;
  const now = clock.now();
  const rows: NeedsYouRow[] = [];
  for (const job of await store.listJobsNeedingOwner(limit)) {
    const name = await nameOf(store, job.customerId);
    // A customer erased meanwhile leaves nothing to act on.
    if (name === undefined) continue;
    const kind = job.status === 'uncertain' ? 'uncertain' : 'failed';
    rows.push({
      customerId: job.customerId,
      conversationId: job.conversationId,
      jobId: job.id,
      kind,
      name,
      channel: job.channel,
      what: whatHappened(job, t),
      since: shortDuration(now.getTime() - job.updatedAt.getTime(), lang),
    });
  }
  return rows;
}

function whatHappened(job: OutboxJob, t: ReturnType<typeof ownerStrings>['commands']['due']): string {
  if (job.status === 'uncertain') return t.uncertain;
  // Connectors word their refusals for the owner (OWNER_LANGUAGE) already: shown as given.
  const reason = job.lastError?.trim().slice(0, MAX_REASON);
  return reason ? fillOwner(t.failed, { reason }) : t.failedNoReason;
}

/** As the waiting list names a customer; undefined once the customer is gone. */
async function nameOf(store: Store, customerId: string): Promise<string | undefined> {
  const customer = await store.getCustomer(customerId);
  if (!customer) return undefined;
  return customerName(customer, await store.listIdentities(customerId)) ?? '?';
}
