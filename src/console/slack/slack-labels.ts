/** Slack-only owner-facing words (modal titles, refusals), in the owner's language. */
import { fillTemplate } from '../../core/template.js';
import { OWNER_STRINGS } from '../../core/owner-strings/index.js';
import type { OwnerLanguage } from '../card.js';

const EN = OWNER_STRINGS.en.slack.labels;

export type SlackLabelKey = keyof typeof EN;

const ZH = OWNER_STRINGS.zh.slack.labels;

export function slackLabel(
  lang: OwnerLanguage,
  key: SlackLabelKey,
  vars: Record<string, string | number> = {},
): string {
  const template = (lang === 'zh' ? ZH : EN)[key];
  return fillTemplate(template, vars);
}
