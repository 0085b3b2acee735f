import type { Actor } from '../model.js';
import { ownerText, type OwnerTextKey } from '../owner-text.js';

/** An owner-facing text in the acting owner's language. */
export function say(actor: Actor, key: OwnerTextKey, vars?: Record<string, string | number>): string {
  return ownerText(actor.language, key, vars);
}
