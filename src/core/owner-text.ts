/**
 * What the desk tells the owner when it refuses an action, in the owner's language (the
 * acting console's, carried on the Actor). Platform reasons from connectors pass through.
 */

import { fillTemplate } from './template.js';
import { OWNER_STRINGS } from './owner-strings/index.js';
const EN = OWNER_STRINGS.en.refusals;

export type OwnerTextKey = keyof typeof EN;

const ZH = OWNER_STRINGS.zh.refusals;

export function ownerText(
  language: string | undefined,
  key: OwnerTextKey,
  vars: Record<string, string | number> = {},
): string {
  const template = language === 'zh' ? ZH[key] : EN[key];
  return fillTemplate(template, vars);
}
