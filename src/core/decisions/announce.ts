/** How a decision is told: to the consoles (the card redrawn), or to a second tap (already decided). */
import { buildCustomerView, type ConsoleHub } from '../console-hub.js';
import type { Decision, Draft, OutboxJob } from '../model.js';
import type { DecisionResult, Store } from '../ports.js';

/** The answer to a tap on a card someone already decided: what was decided, when known. */
export async function alreadyDecided(store: Store, draft: Pick<Draft, 'id'>): Promise<DecisionResult> {
  const fresh = await store.getDraft(draft.id);
  const decision = fresh?.decisionId ? await store.getDecision(fresh.decisionId) : undefined;
  return { kind: 'already_decided', ...(decision ? { decision } : {}) };
}

export async function announceDecision(
  store: Store,
  consoles: ConsoleHub,
  draftId: string,
  decision: Decision,
  job?: OutboxJob,
): Promise<void> {
  const draft = await store.getDraft(draftId);
  const view = draft ? await buildCustomerView(store, draft.customerId) : undefined;
  if (draft && view) {
    // Queued, not awaited: the delivery that follows is shown after it, and the customer's
    // reply never waits for a slow console to redraw the card.
    void consoles.publish({ type: 'decided', view, draft, decision, ...(job ? { job } : {}) });
  }
}
