/**
 * Owner-facing words of merge and split from the console (issue 19), from the owner-strings
 * table's `people` section, in the acting owner's language.
 */
import { fillOwner, ownerStrings, type OwnerStrings } from './owner-strings/index.js';

export type PeopleTextKey = keyof OwnerStrings['people'];

export function peopleText(
  language: string | undefined,
  key: PeopleTextKey,
  vars: Record<string, string | number> = {},
): string {
  return fillOwner(ownerStrings(language).people[key], vars);
}
