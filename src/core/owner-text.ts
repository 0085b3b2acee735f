/**
 * What the desk tells the owner when it refuses an action, in the owner's language (the
 * acting console's, carried on the Actor). Platform reasons from connectors pass through.
 */
import { fillOwner, ownerStrings, type OwnerStrings } from './owner-strings/index.js';

export type OwnerTextKey = keyof OwnerStrings['refusals'];

export function ownerText(
  language: string | undefined,
  key: OwnerTextKey,
  vars: Record<string, string | number> = {},
): string {
  return fillOwner(ownerStrings(language).refusals[key], vars);
}
