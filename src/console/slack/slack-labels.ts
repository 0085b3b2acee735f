/** Slack-only owner-facing words (modal titles, refusals), in the owner's language. */
import { fillOwner, ownerStrings, type OwnerStrings } from '../../core/owner-strings/index.js';
import type { OwnerLanguage } from '../card.js';

export type SlackLabelKey = keyof OwnerStrings['slack']['labels'];

export function slackLabel(
  lang: OwnerLanguage,
  key: SlackLabelKey,
  vars: Record<string, string | number> = {},
): string {
  return fillOwner(ownerStrings(lang).slack.labels[key], vars);
}
