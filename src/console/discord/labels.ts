/** Discord-only owner-facing words (modal, refusals, command replies), in the owner's language. */
import { fillOwner, ownerStrings, type OwnerStrings } from '../../core/owner-strings/index.js';
import type { OwnerLanguage } from '../card.js';

export type DiscordLabelKey = keyof OwnerStrings['discord']['labels'];

export function discordLabel(
  lang: OwnerLanguage,
  key: DiscordLabelKey,
  vars: Record<string, string | number> = {},
): string {
  return fillOwner(ownerStrings(lang).discord.labels[key], vars);
}
