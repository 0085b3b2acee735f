/**
 * The owner's private note and tags on a customer (root card Note / Tags, the terminal's
 * `note` and `tags`). Kept by the store (CustomerNotesSource); shown on the customer card and
 * found by `/cs find`. Never sent to the customer.
 */
import type { Actor } from './model.js';
import type { SimpleResult, Store } from './ports.js';
import { parseTags, type CustomerNotesSource } from './search.js';
import { ownerStrings } from './owner-strings/index.js';
import { fillTemplate } from './template.js';

export const MAX_NOTE = 2000;

export interface NotesChange {
  /** The whole new note; empty removes it. */
  note?: string;
  /** Comma-separated tags replacing the old ones; empty removes them. */
  tags?: string;
}

export function notesSourceOf(store: Store): CustomerNotesSource | undefined {
  const s = store as Store & Partial<CustomerNotesSource>;
  return typeof s.customerNotes === 'function' && s.setCustomerNote && s.setCustomerTags
    ? (s as unknown as CustomerNotesSource)
    : undefined;
}

export async function saveCustomerNotes(
  store: Store,
  customerId: string,
  change: NotesChange,
  actor: Actor,
): Promise<SimpleResult> {
  const notes = notesSourceOf(store);
  const t = ownerStrings(actor.language).notes;
  if (!notes) return { kind: 'rejected', reason: t.unavailable };
  if (!(await store.getCustomer(customerId))) return { kind: 'rejected', reason: t.noCustomer };
  if (change.note !== undefined) {
    if (change.note.length > MAX_NOTE)
      return {
        kind: 'rejected',
        reason: fillTemplate(t.tooLong, { max: MAX_NOTE }),
      };
    await notes.setCustomerNote(customerId, change.note);
  }
  if (change.tags !== undefined) await notes.setCustomerTags(customerId, parseTags(change.tags));
  return { kind: 'ok' };
}
