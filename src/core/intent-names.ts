/** What the owner reads for each intent label, in the owner's language (cards and figures): section `intents`. */
import type { Intent } from './model.js';
import { OWNER_STRINGS } from './owner-strings/index.js';

export const INTENT_NAMES: Readonly<Record<'en' | 'zh', Readonly<Record<Intent, string>>>> = {
  en: OWNER_STRINGS.en.intents,
  zh: OWNER_STRINGS.zh.intents,
};
