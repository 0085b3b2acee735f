/** Discord-only owner-facing words (modal, refusals, command replies), in the owner's language. */
import { fillTemplate } from '../../core/template.js';
import { OWNER_STRINGS } from '../../core/owner-strings/index.js';
import type { OwnerLanguage } from '../card.js';

const EN = OWNER_STRINGS.en.discord.labels;

export type DiscordLabelKey = keyof typeof EN;

const ZH = OWNER_STRINGS.zh.discord.labels;

export function discordLabel(
  lang: OwnerLanguage,
  key: DiscordLabelKey,
  vars: Record<string, string | number> = {},
): string {
  const template = (lang === 'zh' ? ZH : EN)[key];
  return fillTemplate(template, vars);
}
