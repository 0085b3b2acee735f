/**
 * The root card's merge and split buttons (issue 19): "Same person as…" opens a customer
 * picker, and "Split…" (only with two or more identities) picks the identity to split off.
 */
import type { CustomerView } from '../core/ports.js';
import { peopleText } from '../core/people-text.js';
import { encodeAction, type ActionRef } from './card-actions.js';
import type { OwnerLanguage } from './card-labels.js';

interface PeopleButton {
  label: string;
  actionId: string;
  ref: ActionRef;
}

export function peopleButtons(view: CustomerView, lang: OwnerLanguage): PeopleButton[] {
  if (view.customer.mergedInto) return [];
  const buttons: PeopleButton[] = [];
  const add = (ref: ActionRef, key: 'samePersonButton' | 'splitButton') => {
    // An id too long for a button id leaves the buttons off (as the suggestion card does).
    try {
      buttons.push({ label: peopleText(lang, key), actionId: encodeAction(ref), ref });
    } catch {
      // no button
    }
  };
  add({ action: 'same_person', id: view.customer.id }, 'samePersonButton');
  if (view.identities.length >= 2) add({ action: 'split', id: view.customer.id }, 'splitButton');
  return buttons;
}

/** Split… on a merge's pointer post, acting on the surviving customer (its identities are there). */
export function splitOnPointer(survivorId: string, lang: OwnerLanguage): PeopleButton[] {
  try {
    const ref: ActionRef = { action: 'split', id: survivorId };
    return [{ label: peopleText(lang, 'splitButton'), actionId: encodeAction(ref), ref }];
  } catch {
    return []; // an id too long for a button id
  }
}
